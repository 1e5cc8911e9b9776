"""Import history (options, header, size) and the rejects of each import (impor_tolak)."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0003_import"
down_revision = "0001_foundation"
upgrade = sql_files("0003_import.sql")
downgrade = forward_only
