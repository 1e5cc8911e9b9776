"""Household import throughput: no attribute hash column, no per-row foreign key check on impor_id.

Revision ID: 0093_import_speed
Revises: 0090_tile_cache
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0093_import_speed"
down_revision = "0090_tile_cache"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0093_import_speed.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
