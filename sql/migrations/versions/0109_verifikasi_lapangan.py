"""Field verification round trip: uploads of the filled field form and corrections of house data with their old values."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0109_verifikasi_lapangan"
down_revision = "0108_hasil_rumah_tangga"
upgrade = sql_files("0109_verifikasi_lapangan.sql")
downgrade = forward_only
