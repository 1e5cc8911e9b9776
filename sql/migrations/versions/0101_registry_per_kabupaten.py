"""Registry ids unique per kabupaten (fasilitas, rumah_tangga: kode_kab_registri); facility kondisi may be unknown."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0101_registry_per_kabupaten"
down_revision = "0100_sesi"
upgrade = sql_files("0101_registry_per_kabupaten.sql")
downgrade = forward_only
