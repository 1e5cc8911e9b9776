"""Registry ids unique per kabupaten (fasilitas, rumah_tangga: kode_kab_registri); facility kondisi may be unknown.

Revision ID: 0101_registry_per_kabupaten
Revises: 0100_sesi
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0101_registry_per_kabupaten"
down_revision = "0100_sesi"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0101_registry_per_kabupaten.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
