"""Audit log of personal-data access and exports: ``record("lihat", "rumah_tangga", id, {...})``.

Call it from every view that shows a household's personal record (name, NIK, address, exact
point), lists such records, or exports data. Rows go to ``audit_log`` (who, when, action, object,
object id, detail jsonb with the client address added).
"""
from flask import has_request_context, request
from flask_login import current_user

from spatial import audit
from webgis.database import connection


def actor() -> str:
    """User name of the signed-in user, or ``anonim``."""
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.username
    return "anonim"


def record(action: str, obj: str, obj_id=None, detail: dict | None = None, user: str | None = None,
           durable: bool = True) -> None:
    """Write one audit row (own short transaction, committed at once; ``durable``: see
    ``spatial.audit.add``)."""
    payload = dict(detail or {})
    if has_request_context():
        payload.setdefault("ip", request.remote_addr)
        payload.setdefault("path", request.path)
    with connection() as conn:
        audit.add(conn, user or actor(), action, obj, None if obj_id is None else str(obj_id), payload, durable)
