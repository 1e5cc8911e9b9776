"""Analysis runs per kabupaten: region, group, real start/finish, row counts, data fingerprint."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0107_analisis_kabupaten"
down_revision = "0106_tugas"
upgrade = sql_files("0107_analisis_kabupaten.sql")
downgrade = forward_only
