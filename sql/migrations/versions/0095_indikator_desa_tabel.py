"""Village indicators in tables kept current by triggers; view indikator_desa reads them."""
from sql.migrations.sqlstep import forward_only, sql_files

revision = "0095_indikator_desa_tabel"
down_revision = "0094_selection_area"
upgrade = sql_files("0095_indikator_desa_tabel.sql", "../functions/050_indikator_desa.sql")
downgrade = forward_only
