"""The steps of a revision: run SQL files that sit beside the Alembic revisions, never step back.

A revision is four lines (``script.py.mako``)::

    revision = "0106_tugas"
    down_revision = "0105_program_wilayah"
    upgrade = sql_files("0106_tugas.sql")
    downgrade = forward_only
"""
from collections.abc import Callable
from pathlib import Path

from alembic import op

MIGRATIONS_DIR = Path(__file__).resolve().parent


def run_sql_file(name: str) -> None:
    """Execute ``sql/migrations/<name>`` in the migration's transaction."""
    op.get_bind().exec_driver_sql((MIGRATIONS_DIR / name).read_text(encoding="utf-8"))


def sql_files(*names: str) -> Callable[[], None]:
    """The ``upgrade`` of a revision: run the files ``names`` (under ``sql/migrations/``) in order."""
    def upgrade() -> None:
        for name in names:
            run_sql_file(name)
    return upgrade


def forward_only() -> None:
    """The ``downgrade`` of every revision: Sasaran migrations only go forward."""
    raise NotImplementedError("Sasaran migrations are forward-only; restore a backup instead.")
