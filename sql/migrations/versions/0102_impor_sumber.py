"""Value mappings saved per import source (impor_sumber).

Revision ID: 0102_impor_sumber
Revises: 0101_registry_per_kabupaten
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0102_impor_sumber"
down_revision = "0101_registry_per_kabupaten"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0102_impor_sumber.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
