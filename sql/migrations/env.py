"""Alembic environment: runs the SQL migrations against DATABASE_URL."""
from alembic import context
from sqlalchemy import create_engine, pool

from spatial.config import database_url
from spatial.db import sqlalchemy_url

url = context.config.get_main_option("sqlalchemy.url") or sqlalchemy_url(database_url())
connectable = create_engine(url, poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
