"""Drawn-area selection: households without GPS by village, RTLH scores by key (index-only).

Revision ID: 0094_selection_area
Revises: 0004_analysis, 0006_selection
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0094_selection_area"
down_revision = ("0004_analysis", "0006_selection")
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0094_selection_area.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
