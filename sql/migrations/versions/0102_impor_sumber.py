"""Value mappings saved per import source (impor_sumber)."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0102_impor_sumber"
down_revision = "0101_registry_per_kabupaten"
upgrade = sql_files("0102_impor_sumber.sql")
downgrade = forward_only
