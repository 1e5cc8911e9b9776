"""Child growth: measurements, village counts, village figures per month, role kesehatan.

Revision ID: 0108_gizi_anak
Revises: 0107_analisis_kabupaten
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0108_gizi_anak"
down_revision = "0107_analisis_kabupaten"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0108_gizi_anak.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
