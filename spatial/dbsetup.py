"""Create a database when it does not exist yet; derive the test database URL.

Usage: ``python -m spatial.dbsetup URL`` or ``python -m spatial.dbsetup --test-url URL``.
"""
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def test_url(url: str) -> str:
    """The URL of the test database beside ``url``: same server, name suffixed ``_test``."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "sasaran"
    return urlunsplit(parts._replace(path="/" + name + "_test"))


def ensure_database(url: str, attempts: int = 30) -> None:
    """Create the database named in ``url`` if it is missing (waits for the server to accept)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    for attempt in range(attempts):
        try:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
                if not exists:
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                return
        except psycopg.OperationalError:
            if attempt == attempts - 1:
                raise
            time.sleep(1)


def main(argv: list[str]) -> None:
    """Command-line entry point."""
    if argv[:1] == ["--test-url"]:
        print(test_url(argv[1]))
    else:
        ensure_database(argv[0])


if __name__ == "__main__":
    main(sys.argv[1:])
