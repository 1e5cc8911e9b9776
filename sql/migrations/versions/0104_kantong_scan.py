"""analisis_kantong: method, relative risk, log-likelihood ratio, p-value and radius of scan clusters."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0104_kantong_scan"
down_revision = "0103_data_tidak_lengkap"
upgrade = sql_files("0104_kantong_scan.sql")
downgrade = forward_only
