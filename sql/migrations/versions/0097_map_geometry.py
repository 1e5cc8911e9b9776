"""Stored display geometries of villages and kecamatan for the map layers."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0097_map_geometry"
down_revision = "0095_indikator_desa_tabel"
upgrade = sql_files("0097_map_geometry.sql")
downgrade = forward_only
