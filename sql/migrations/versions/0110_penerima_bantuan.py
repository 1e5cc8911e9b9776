"""Recipient lists of social programmes, the list to re-check and the exclusion hot spots (issue #24)."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0110_penerima_bantuan"
down_revision = "0109_gizi_anak"
upgrade = sql_files("0110_penerima_bantuan.sql")
downgrade = forward_only
