"""The one loader of SQL kept in the repository's ``sql/`` folder (SQL lives there, not in Python).

A query is named by its path under ``sql/queries/`` without ``.sql``: ``"selection/program_lock"``
is ``sql/queries/selection/program_lock.sql``. Names are written out in full where they are used
(no names built at run time), so ``tests/test_sql_queries.py`` can check that every name used in the
code exists and that every query file is used. Parameters are always bound (``%(name)s``);
identifiers that must vary are composed with :func:`composed`.
"""
from functools import cache
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql as psql
from psycopg.rows import dict_row, tuple_row

Connection = psycopg.Connection[Any]
Cursor = psycopg.Cursor[Any]

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
QUERIES_DIR = SQL_DIR / "queries"


@cache
def query(name: str) -> str:
    """The text of ``sql/queries/<name>.sql``."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


@cache
def statements(name: str) -> tuple[str, ...]:
    """The statements of a query file (a file may hold several, each ending with ``;`` at the end
    of a line); comment-only pieces are left out."""
    return tuple(s for s in query(name).split(";\n") if _has_code(s))


def _has_code(text: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in text.splitlines())


def composed(name: str, **parts: psql.Composable) -> psql.Composed:
    """The query with ``{placeholders}`` filled by identifiers or SQL fragments from a fixed
    allow-list in code (``psycopg.sql.Identifier``), never by user input."""
    return psql.SQL(query(name)).format(**parts)


def run(conn: Connection | Cursor, name: str, params: dict | None = None) -> Cursor:
    """Execute the query's statements in order with bound parameters, on a connection (a new
    cursor with its row factory) or on the given cursor; returns the cursor, which holds the rows of
    the last statement."""
    cur: Cursor = conn.cursor() if isinstance(conn, psycopg.Connection) else conn
    for statement in statements(name):
        cur.execute(statement, params if "%(" in statement else None)
    return cur


def fetch_all(conn: Connection, name: str, params: dict | None = None) -> list[dict[str, Any]]:
    """Rows of the query as dicts, whatever the connection's row factory ([] for a statement that
    returns no rows)."""
    cur = run(conn.cursor(row_factory=dict_row), name, params)
    return cur.fetchall() if cur.description is not None else []


def fetch_one(conn: Connection, name: str, params: dict | None = None) -> dict[str, Any] | None:
    """First row of the query as a dict (``None`` when there is none)."""
    return run(conn.cursor(row_factory=dict_row), name, params).fetchone()


def fetch_row(conn: Connection, name: str, params: dict | None = None) -> tuple | None:
    """First row of the query as a tuple, whatever the connection's row factory."""
    return run(conn.cursor(row_factory=tuple_row), name, params).fetchone()


def fetch_result(conn: Connection, name: str, params: dict | None = None) -> tuple:
    """The row of a query that always returns one (an aggregate, ``INSERT ... RETURNING``), as a tuple."""
    row = fetch_row(conn, name, params)
    if row is None:
        raise LookupError(f"query {name} returned no row")
    return row


def fetch_rows(conn: Connection, name: str, params: dict | None = None) -> list[tuple]:
    """Rows of the query as tuples, whatever the connection's row factory."""
    return run(conn.cursor(row_factory=tuple_row), name, params).fetchall()


def fetch_value(conn: Connection, name: str, params: dict | None = None) -> Any:
    """First column of the first row of the query (``None`` when there is no row)."""
    row = fetch_row(conn, name, params)
    return None if row is None else row[0]


def functions_files() -> list[Path]:
    """The repeatable ``sql/functions/*.sql`` files in the order they are applied."""
    return sorted((SQL_DIR / "functions").glob("*.sql"))
