"""Drawn-area selection: households without GPS by village, RTLH scores by key (index-only)."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0094_selection_area"
down_revision = "0093_import_speed"
upgrade = sql_files("0094_selection_area.sql")
downgrade = forward_only
