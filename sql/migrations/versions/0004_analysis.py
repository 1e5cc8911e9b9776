"""Spatial analyses: RTLH scores, view indikator_desa, result tables of each analysis run.

Revision ID: 0004_analysis
Revises: 0003_import
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0004_analysis"
down_revision = "0003_import"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("../functions/040_layak.sql")
    run_sql_file("0004_analysis.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
