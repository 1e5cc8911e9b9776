"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
"""
from sql.migrations.sqlstep import run_sql_file

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade():
    run_sql_file("${up_revision}.sql")


def downgrade():
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
