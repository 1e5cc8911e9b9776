"""Background jobs (imports, analysis runs) with their progress and heartbeat.

Revision ID: 0106_tugas
Revises: 0105_program_wilayah
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0106_tugas"
down_revision = "0105_program_wilayah"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0106_tugas.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
