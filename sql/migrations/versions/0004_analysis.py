"""Spatial analyses: RTLH scores, view indikator_desa, result tables of each analysis run."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0004_analysis"
down_revision = "0003_import"
upgrade = sql_files("../functions/040_layak.sql", "0004_analysis.sql")
downgrade = forward_only
