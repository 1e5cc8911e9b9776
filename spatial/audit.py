"""The audit log (``audit_log``): who saw or exported personal data, who changed what."""
from typing import Any

from psycopg.types.json import Jsonb

from spatial.sqlfiles import Connection, fetch_all, run


def add(conn: Connection, user: str, action: str, obj: str, obj_id: str | None, detail: dict) -> None:
    """Write one audit row."""
    run(conn, "security/audit_add", {"pengguna": user, "aksi": action, "objek": obj, "objek_id": obj_id,
                                     "detail": Jsonb(detail)})


def recent(conn: Connection, user: str | None, action: str | None, limit: int) -> list[dict[str, Any]]:
    """The latest audit rows, optionally of one user and one action."""
    return fetch_all(conn, "security/audit_recent", {"pengguna": user, "aksi": action, "limit": limit})
