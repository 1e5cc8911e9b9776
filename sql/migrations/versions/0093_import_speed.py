"""Household import throughput: no attribute hash column, no per-row foreign key check on impor_id."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0093_import_speed"
down_revision = "0090_tile_cache"
upgrade = sql_files("0093_import_speed.sql")
downgrade = forward_only
