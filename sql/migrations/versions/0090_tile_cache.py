"""Tile cache: aggregate household tiles kept until the household table changes."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0090_tile_cache"
down_revision = "0008_security"
upgrade = sql_files("0090_tile_cache.sql")
downgrade = forward_only
