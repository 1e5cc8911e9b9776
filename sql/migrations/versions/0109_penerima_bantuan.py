"""Recipient lists of social programmes, the list to re-check and the exclusion hot spots (issue #24)."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0109_penerima_bantuan"
down_revision = "0108_hasil_rumah_tangga"
upgrade = sql_files("0109_penerima_bantuan.sql")
downgrade = forward_only
