"""Background jobs (imports, analysis runs) with their progress and heartbeat.

Revision ID: 0105_tugas
Revises: 0104_kantong_scan
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0105_tugas"
down_revision = "0104_kantong_scan"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0105_tugas.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
