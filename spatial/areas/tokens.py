"""Agency API tokens: random, shown once, stored as SHA-256 only, scoped to collections, revocable."""
import hashlib
import secrets

from psycopg.rows import dict_row

from spatial import scope
from spatial.areas import N_, AreaError
from spatial.sqlfiles import fetch_row, run

PREFIX = "ssr_"


def token_hash(token: str) -> str:
    """SHA-256 hex of a token (what the database keeps)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(conn, instansi: str, koleksi: list[str], user: str, allowed: set[str] | None = None,
                 wilayah: str | None = None) -> dict:
    """A new token for ``instansi`` limited to ``koleksi``; returns ``{"id", "token"}`` (the only
    time the token is ever available). A token reads the whole deployment, so only an unscoped
    user (``wilayah`` None) may create one."""
    scope.require(wilayah, None, "Token instansi (membaca seluruh wilayah)")
    instansi = (instansi or "").strip()
    if not instansi:
        raise AreaError(N_("Nama instansi wajib diisi."))
    koleksi = sorted(set(koleksi))
    if not koleksi:
        raise AreaError(N_("Pilih setidaknya satu koleksi."))
    unknown = [k for k in koleksi if allowed is not None and k not in allowed]
    if unknown:
        raise AreaError(N_("Koleksi tidak dikenal: %(koleksi)s."), koleksi=", ".join(unknown))
    token = PREFIX + secrets.token_urlsafe(32)
    row = fetch_row(conn, "areas/token_insert", {
        "instansi": instansi, "token_hash": token_hash(token), "prefiks": token[:10], "koleksi": koleksi,
        "oleh": user})
    assert row is not None  # INSERT ... RETURNING
    return {"id": row[0], "token": token}


def check_token(conn, token: str | None) -> dict | None:
    """The live token's ``{"id", "instansi", "koleksi"}``, or None (unknown or revoked)."""
    if not token or not token.startswith(PREFIX) or len(token) > 100:
        return None
    with conn.cursor(row_factory=dict_row) as cur:
        return run(cur, "areas/token_check", {"token_hash": token_hash(token)}).fetchone()


def revoke_token(conn, token_id: int, wilayah: str | None = None) -> bool:
    """Revoke a token (unscoped users only, see create_token); False when it does not exist or was
    already revoked."""
    scope.require(wilayah, None, "Token instansi (membaca seluruh wilayah)")
    return fetch_row(conn, "areas/token_revoke", {"id": token_id}) is not None


def list_tokens(conn) -> list[dict]:
    """All tokens (never the token itself: only its first characters)."""
    with conn.cursor(row_factory=dict_row) as cur:
        return run(cur, "areas/token_list").fetchall()
