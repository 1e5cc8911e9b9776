"""The score's reasons in the index the drawn-area selection looks scores up by (index-only again)."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0112_skor_alasan_dalam_indeks"
down_revision = "0111_verifikasi_lapangan"
upgrade = sql_files("0112_skor_alasan_dalam_indeks.sql")
downgrade = forward_only
