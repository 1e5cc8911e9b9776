"""Alembic environment: runs the SQL migrations (one chain) against DATABASE_URL."""
from alembic import context
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, pool

from spatial.settings import database_url
from spatial.db import sqlalchemy_url
from sql.migrations.legacy import collapse_heads

url = context.config.get_main_option("sqlalchemy.url") or sqlalchemy_url(database_url())
connectable = create_engine(url, poolclass=pool.NullPool)
chain = [revision.revision for revision in reversed(list(ScriptDirectory.from_config(context.config).walk_revisions()))]
with connectable.connect() as connection:
    with connection.begin():
        collapse_heads(connection, chain)
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
