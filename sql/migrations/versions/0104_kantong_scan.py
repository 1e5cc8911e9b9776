"""analisis_kantong: method, relative risk, log-likelihood ratio, p-value and radius of scan clusters.

Revision ID: 0104_kantong_scan
Revises: 0103_data_tidak_lengkap
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0104_kantong_scan"
down_revision = "0103_data_tidak_lengkap"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0104_kantong_scan.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
