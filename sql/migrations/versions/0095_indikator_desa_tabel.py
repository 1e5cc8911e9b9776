"""Village indicators in tables kept current by triggers; view indikator_desa reads them.

Revision ID: 0095_indikator_desa_tabel
Revises: 0094_selection_area
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0095_indikator_desa_tabel"
down_revision = "0094_selection_area"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0095_indikator_desa_tabel.sql")
    run_sql_file("../functions/050_indikator_desa.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
