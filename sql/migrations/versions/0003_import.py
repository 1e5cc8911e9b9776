"""Import history (options, header, size) and the rejects of each import (impor_tolak).

Revision ID: 0003_import
Revises: 0001_foundation
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0003_import"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0003_import.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
