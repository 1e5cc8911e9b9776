"""Background jobs (imports, analysis runs) with their progress and heartbeat.

Revision ID: 0104_tugas
Revises: 0103_data_tidak_lengkap
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0104_tugas"
down_revision = "0103_data_tidak_lengkap"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0104_tugas.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
