"""Empty attributes counted as data tidak lengkap (analisis_akses.terlayani NULL, skor_rtlh.data_tidak_lengkap)."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0103_data_tidak_lengkap"
down_revision = "0102_impor_sumber"
upgrade = sql_files("0103_data_tidak_lengkap.sql")
downgrade = forward_only
