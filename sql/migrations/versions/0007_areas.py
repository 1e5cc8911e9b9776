"""Priority areas (kawasan_prioritas + version history), lokus_desa, agency tokens token_instansi.

Revision ID: 0007_areas
Revises: 0006_selection
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0007_areas"
down_revision = "0006_selection"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0007_areas.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
