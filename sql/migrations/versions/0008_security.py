"""Security: table login_gagal (failed sign-ins, for lockout and rate limit), audit index by user."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0008_security"
down_revision = "0007_areas"
upgrade = sql_files("0008_security.sql")
downgrade = forward_only
