"""Stored display geometries of villages and kecamatan for the map layers.

Revision ID: 0097_map_geometry
Revises: 0095_indikator_desa_tabel
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0097_map_geometry"
down_revision = "0095_indikator_desa_tabel"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0097_map_geometry.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
