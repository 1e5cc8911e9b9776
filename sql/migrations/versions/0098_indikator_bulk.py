"""Drop the superuser-only event trigger of 0095; the bulk import counts its partition itself.

Revision ID: 0098_indikator_bulk
Revises: 0097_map_geometry
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0098_indikator_bulk"
down_revision = "0097_map_geometry"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0098_indikator_bulk.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
