"""Drawn-area selection: households without GPS by village, RTLH scores by key (index-only).

Revision ID: 0094_selection_area
Revises: 0093_import_speed
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0094_selection_area"
down_revision = "0093_import_speed"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0094_selection_area.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
