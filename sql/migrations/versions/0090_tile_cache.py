"""Tile cache: aggregate household tiles kept until the household table changes.

Revision ID: 0090_tile_cache
Revises: 0008_security
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0090_tile_cache"
down_revision = "0008_security"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0090_tile_cache.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
