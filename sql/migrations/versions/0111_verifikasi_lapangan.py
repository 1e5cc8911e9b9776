"""Field verification round trip: uploads of the filled field form and corrections of house data with their old values."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0111_verifikasi_lapangan"
down_revision = "0110_penerima_bantuan"
upgrade = sql_files("0111_verifikasi_lapangan.sql")
downgrade = forward_only
