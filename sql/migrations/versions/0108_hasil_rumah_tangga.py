"""Per-household analysis results without a per-row foreign-key check (deleted with their run by a trigger).

Revision ID: 0108_hasil_rumah_tangga
Revises: 0107_analisis_kabupaten
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0108_hasil_rumah_tangga"
down_revision = "0107_analisis_kabupaten"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0108_hasil_rumah_tangga.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
