"""Server-side sessions ended by sign-out, a new password or deactivation; failures per account and address.

Revision ID: 0100_sesi
Revises: 0099_rumah_tangga_unique_order
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0100_sesi"
down_revision = "0099_rumah_tangga_unique_order"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0100_sesi.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
