"""Data access of the map pages: optional tables of other capabilities and composed SQL.

Some layers come from tables that other parts of Sasaran create (``skor_rtlh`` and
``indikator_desa`` of the analyses, ``kawasan_prioritas`` of the planning module). The maps use
them when they exist and degrade to an empty layer (never an error) when they do not.
"""
import time

from psycopg import sql as psql

from spatial.sqlfiles import sql
from webgis.database import pool

_EXISTS_TTL_S = 30.0
_exists_cache: dict[str, tuple[float, bool]] = {}


def relation_exists(name: str) -> bool:
    """True when table/view ``name`` exists (cached for a few seconds: tiles ask often)."""
    now = time.monotonic()
    cached = _exists_cache.get(name)
    if cached and now - cached[0] < _EXISTS_TTL_S:
        return cached[1]
    with pool().connection() as conn:
        exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL AS ada", (name,)).fetchone()["ada"]
    _exists_cache[name] = (now, exists)
    return exists


def _with_scores(name: str) -> psql.Composed:
    """Query ``queries/<name>`` with its ``{skor}`` fragment: issue #4's scores, or an empty relation."""
    fragment = "queries/priority_scores.sql" if relation_exists("skor_rtlh") else "queries/priority_scores_none.sql"
    return psql.SQL(sql(f"queries/{name}")).format(skor=psql.SQL(sql(fragment).strip()))


def fetch_scored(name: str, params: dict) -> list[dict]:
    """Rows of a query that joins the priority scores (see ``_with_scores``)."""
    with pool().connection() as conn:
        return conn.execute(_with_scores(name), params).fetchall()


def fetch_bytes(query, params: dict) -> bytes:
    """The single bytea value of ``query`` (a composed query or a ``queries/`` file name)."""
    if isinstance(query, str):
        query = sql(f"queries/{query}")
    with pool().connection() as conn:
        row = conn.execute(query, params).fetchone()
    value = next(iter(row.values())) if row else None
    return bytes(value or b"")


def tile_with_scores(name: str, params: dict) -> bytes:
    """A vector tile from a query that joins the priority scores."""
    return fetch_bytes(_with_scores(name), params)
