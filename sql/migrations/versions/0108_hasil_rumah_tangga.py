"""Per-household analysis results without a per-row foreign-key check (deleted with their run by a trigger)."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0108_hasil_rumah_tangga"
down_revision = "0107_analisis_kabupaten"
upgrade = sql_files("0108_hasil_rumah_tangga.sql")
downgrade = forward_only
