"""Background jobs (imports, analysis runs) with their progress and heartbeat."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0106_tugas"
down_revision = "0105_program_wilayah"
upgrade = sql_files("0106_tugas.sql")
downgrade = forward_only
