"""Beneficiary selection (Perkim): programmes, quotas, selections with their workflow and history.

Revision ID: 0006_selection
Revises: 0004_analysis
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0006_selection"
down_revision = "0004_analysis"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0006_selection.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
