"""${message}"""
from sql.migrations.sqlstep import forward_only, sql_files

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
upgrade = sql_files("${up_revision}.sql")
downgrade = forward_only
