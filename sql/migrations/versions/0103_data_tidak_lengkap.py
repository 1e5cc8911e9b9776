"""Empty attributes counted as data tidak lengkap (analisis_akses.terlayani NULL, skor_rtlh.data_tidak_lengkap).

Revision ID: 0103_data_tidak_lengkap
Revises: 0102_impor_sumber
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0103_data_tidak_lengkap"
down_revision = "0102_impor_sumber"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0103_data_tidak_lengkap.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
