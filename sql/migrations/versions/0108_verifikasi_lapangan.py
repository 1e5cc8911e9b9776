"""Field verification round trip: uploads of the filled field form and corrections of house data with their old values.

Revision ID: 0108_verifikasi_lapangan
Revises: 0107_analisis_kabupaten
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0108_verifikasi_lapangan"
down_revision = "0107_analisis_kabupaten"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0108_verifikasi_lapangan.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
