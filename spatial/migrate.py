"""Bring a database to the current schema: Alembic migrations, then the repeatable SQL functions."""
from pathlib import Path

from alembic import command
from alembic.config import Config

from spatial.db import connect, sqlalchemy_url
from spatial.settings import database_url
from spatial.sqlfiles import functions_files

ROOT = Path(__file__).resolve().parent.parent


def migrate(url: str | None = None) -> None:
    """Apply all pending migrations (one chain) and (re)create the SQL functions."""
    url = url or database_url()
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", sqlalchemy_url(url).replace("%", "%%"))
    command.upgrade(config, "head")
    apply_functions(url)


def apply_functions(url: str | None = None) -> None:
    """Run every ``sql/functions/*.sql`` file (each is CREATE OR REPLACE, so re-running is safe)."""
    with connect(url) as conn:
        for path in functions_files():
            conn.execute(path.read_text(encoding="utf-8"))
