"""Child growth: measurements, village counts, village figures per month, role kesehatan."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0109_gizi_anak"
down_revision = "0108_hasil_rumah_tangga"
upgrade = sql_files("0109_gizi_anak.sql")
downgrade = forward_only
