"""Drop the superuser-only event trigger of 0095; the bulk import counts its partition itself."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0098_indikator_bulk"
down_revision = "0097_map_geometry"
upgrade = sql_files("0098_indikator_bulk.sql")
downgrade = forward_only
