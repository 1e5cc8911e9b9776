"""Foundation: regions, households (partitioned by province), facilities, imports, runs, users, audit.

Revision ID: 0001_foundation
Revises:
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0001_foundation.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
