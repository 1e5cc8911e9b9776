"""rumah_tangga: unique (id_keluarga, kode_prov) replaces (kode_prov, id_keluarga) and the index on id_keluarga.

Revision ID: 0099_rumah_tangga_unique_order
Revises: 0098_indikator_bulk
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0099_rumah_tangga_unique_order"
down_revision = "0098_indikator_bulk"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0099_rumah_tangga_unique_order.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
