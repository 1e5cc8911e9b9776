"""Programmes get an owner region (kode_wilayah)."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0105_program_wilayah"
down_revision = "0104_kantong_scan"
upgrade = sql_files("0105_program_wilayah.sql")
downgrade = forward_only
