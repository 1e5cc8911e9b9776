"""Data access of the map pages: binary results (vector tiles) and optional tables.

Some layers come from tables another part of Sasaran may not have created yet (``kawasan_prioritas``
of the planning module); the maps use them when they exist and show an empty layer otherwise.
"""
from spatial.sqlfiles import sql
from webgis.database import fetch_value, pool


def relation_exists(name: str) -> bool:
    """True when table or view ``name`` exists."""
    return fetch_value("queries/relation_exists.sql", {"name": name})


def fetch_bytes(name: str, params: dict) -> bytes:
    """The single bytea value of query ``queries/<name>`` (a vector tile)."""
    with pool().connection() as conn:
        row = conn.execute(sql(f"queries/{name}"), params).fetchone()
    value = next(iter(row.values())) if row else None
    return bytes(value or b"")

