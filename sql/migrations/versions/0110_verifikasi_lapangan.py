"""Field verification round trip: uploads of the filled field form and corrections of house data with their old values."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0110_verifikasi_lapangan"
down_revision = "0109_gizi_anak"
upgrade = sql_files("0110_verifikasi_lapangan.sql")
downgrade = forward_only
