"""Security: table login_gagal (failed sign-ins, for lockout and rate limit), audit index by user.

Revision ID: 0008_security
Revises: 0007_areas
"""
from sql.migrations.sqlstep import run_sql_file

revision = "0008_security"
down_revision = "0007_areas"
branch_labels = None
depends_on = None


def upgrade():
    run_sql_file("0008_security.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
