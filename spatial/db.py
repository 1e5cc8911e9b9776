"""Database connections: psycopg 3 for set-based SQL and COPY, SQLAlchemy for geopandas."""
from contextlib import contextmanager
from functools import lru_cache

import psycopg
import sqlalchemy

from spatial.settings import database_url
from spatial.sqlfiles import fetch_one


def sqlalchemy_url(url: str) -> str:
    """Turn a libpq URL into one SQLAlchemy drives with psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@contextmanager
def connect(url: str | None = None, autocommit: bool = False):
    """A psycopg connection; commits on success, rolls back on error, always closes."""
    conn = psycopg.connect(url or database_url(), autocommit=autocommit)
    try:
        yield conn
        if not autocommit:
            conn.commit()
    except BaseException:
        if not autocommit:
            conn.rollback()
        raise
    finally:
        conn.close()


@lru_cache(maxsize=8)
def engine(url: str | None = None) -> sqlalchemy.Engine:
    """A pooled SQLAlchemy engine (pre-ping on checkout) for geopandas/GeoAlchemy2 reads."""
    return sqlalchemy.create_engine(sqlalchemy_url(url or database_url()), pool_pre_ping=True)


def database_versions(conn: psycopg.Connection) -> dict:
    """PostgreSQL and PostGIS versions and the database name (the health check's query)."""
    row = fetch_one(conn, "security/health")
    assert row is not None
    return row
