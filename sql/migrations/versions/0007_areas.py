"""Priority areas (kawasan_prioritas + version history), lokus_desa, agency tokens token_instansi."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0007_areas"
down_revision = "0006_selection"
upgrade = sql_files("0007_areas.sql")
downgrade = forward_only
