"""Load SQL text kept in the repository's ``sql/`` folder (SQL lives there, not in Python)."""
from functools import lru_cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """Return the text of ``sql/<name>`` (e.g. ``queries/villages_geojson.sql``)."""
    return (SQL_DIR / name).read_text(encoding="utf-8")
