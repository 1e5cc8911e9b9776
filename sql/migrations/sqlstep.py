"""Run one SQL migration file that sits beside the Alembic revisions."""
from pathlib import Path

from alembic import op

MIGRATIONS_DIR = Path(__file__).resolve().parent


def run_sql_file(name: str) -> None:
    """Execute ``sql/migrations/<name>`` in the migration's transaction."""
    op.get_bind().exec_driver_sql((MIGRATIONS_DIR / name).read_text(encoding="utf-8"))
