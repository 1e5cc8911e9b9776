"""Foundation: regions, households (partitioned by province), facilities, imports, runs, users, audit."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0001_foundation"
down_revision = None
upgrade = sql_files("0001_foundation.sql")
downgrade = forward_only
