"""Recipient lists of social programmes and the list to re-check (issue #24).

Revision ID: 0108_penerima_bantuan
Revises: 0107_analisis_kabupaten
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0108_penerima_bantuan"
down_revision = "0107_analisis_kabupaten"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0108_penerima_bantuan.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
