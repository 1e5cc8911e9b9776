"""The app's PostgreSQL connection pool (psycopg 3), checked before use; views hand its connections
to the ``spatial`` services (they hold the SQL).

When the database is down, requests fail with a friendly 503 page and the pool recovers by
itself once PostgreSQL is back.
"""
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from flask import current_app, g, jsonify, render_template
from flask_babel import gettext as _
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from webgis.errors import wants_json

T = TypeVar("T")


def init_app(app) -> None:
    """Create the pool (opened lazily) and register the 503 handler."""
    app.extensions["db_pool"] = ConnectionPool(
        app.config["DATABASE_URL"], min_size=1, max_size=app.config["DB_POOL_MAX"], open=False,
        check=ConnectionPool.check_connection, timeout=app.config["DB_POOL_TIMEOUT"],
        max_lifetime=1800, kwargs={"row_factory": dict_row, "connect_timeout": 5})
    app.register_error_handler(psycopg.OperationalError, _database_unavailable)
    app.register_error_handler(PoolTimeout, _database_unavailable)


def pool() -> ConnectionPool:
    """The app's pool, opened on first use."""
    db_pool = current_app.extensions["db_pool"]
    if db_pool.closed:
        db_pool.open(wait=False)
    return db_pool


@contextmanager
def connection() -> Iterator[psycopg.Connection]:
    """A pooled connection (rows as dicts) for one unit of work: committed at the end of the block,
    rolled back on an error."""
    with pool().connection() as conn:
        yield conn


def call(service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``service(conn, *args, **kwargs)`` on a pooled connection (one unit of work)."""
    with pool().connection() as conn:
        return service(conn, *args, **kwargs)


def _database_unavailable(error):
    """503 while PostgreSQL is unreachable: JSON for API/tile clients, the friendly page otherwise."""
    current_app.logger.warning("database unavailable: %s", error)
    headers = {"Retry-After": "5", "Cache-Control": "no-store"}
    if wants_json():
        return jsonify(error=_("Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi.")), 503, headers
    if "_login_user" not in g:  # the page header asks for the user: do not load it from the dead database
        g._login_user = current_app.login_manager.anonymous_user()  # type: ignore[attr-defined]
    return render_template("errors/503.html"), 503, headers
