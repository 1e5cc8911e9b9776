"""Server-side sessions ended by sign-out, a new password or deactivation; failures per account and address."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0100_sesi"
down_revision = "0099_rumah_tangga_unique_order"
upgrade = sql_files("0100_sesi.sql")
downgrade = forward_only
