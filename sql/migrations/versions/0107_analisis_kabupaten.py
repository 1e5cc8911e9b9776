"""Analysis runs per kabupaten: region, group, real start/finish, row counts, data fingerprint.

Revision ID: 0107_analisis_kabupaten
Revises: 0106_tugas
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0107_analisis_kabupaten"
down_revision = "0106_tugas"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0107_analisis_kabupaten.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
