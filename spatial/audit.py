"""The audit log (``audit_log``): who saw or exported personal data, who changed what."""
from typing import Any

from psycopg.types.json import Jsonb

from spatial.sqlfiles import Connection, fetch_all, run


def add(conn: Connection, user: str, action: str, obj: str, obj_id: str | None, detail: dict,
        durable: bool = True) -> None:
    """Write one audit row. ``durable=False`` for high-volume rows (every household point tile a
    perkim's map loads): the commit does not wait for the disk, so a database crash may lose the
    last fraction of a second of them."""
    if not durable:
        run(conn, "security/audit_asynchronous")
    run(conn, "security/audit_add", {"pengguna": user, "aksi": action, "objek": obj, "objek_id": obj_id,
                                     "detail": Jsonb(detail)})


def recent(conn: Connection, user: str | None, action: str | None, limit: int) -> list[dict[str, Any]]:
    """The latest audit rows, optionally of one user and one action."""
    return fetch_all(conn, "security/audit_recent", {"pengguna": user, "aksi": action, "limit": limit})
