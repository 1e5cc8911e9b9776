"""Sign-in rules: failed attempts and their back-off, and server-side sessions.

Failures are counted per account *and* address: after ``MAX_FAILURES`` failures of one account
from one address within ``WINDOW_S``, that address waits ``BACKOFF_S`` seconds, doubling with each
further failure up to the window; the account's owner elsewhere is never locked out by a
stranger. One address failing ``MAX_FAILURES_IP`` times over any accounts waits the whole window.

A session is a row of ``sesi``: the cookie carries a random token, the table its SHA-256, the
user and an absolute end fixed at sign-in. Sign-out ends every session of the user; a new password
or a deactivation does too (trigger ``pengguna_akhiri_sesi``, migration 0100).
"""
import hashlib
import secrets
from dataclasses import dataclass


from spatial.sqlfiles import fetch_one, run


@dataclass(frozen=True)
class Limits:
    """Thresholds of the sign-in back-off."""
    max_failures: int = 5
    max_failures_ip: int = 20
    window_s: int = 900
    backoff_s: int = 60


def wait_seconds(conn, username: str, ip: str, limits: Limits = Limits()) -> int:
    """Seconds ``ip`` must wait before trying ``username`` again (0 = may try now)."""
    row = fetch_one(conn, "security/login_failures_recent", {"username": username, "ip": ip, "window_s": limits.window_s})
    assert row is not None  # an aggregate: always one row
    waits = []
    if row["per_user_ip"] >= limits.max_failures:
        backoff = min(limits.window_s, limits.backoff_s * 2 ** (row["per_user_ip"] - limits.max_failures))
        waits.append(backoff - (row["sekarang"] - row["last_user_ip"]).total_seconds())
    if row["per_ip"] >= limits.max_failures_ip:
        waits.append(limits.window_s - (row["sekarang"] - row["last_ip"]).total_seconds())
    return max([0, *(int(-(-w // 1)) for w in waits)])


def record_failure(conn, username: str, ip: str) -> None:
    """Count one failed sign-in of ``username`` from ``ip``."""
    run(conn, "security/login_failure_add", {"username": username, "ip": ip})


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def start_session(conn, user_id: int, ip: str | None, lifetime_s: int, limits: Limits = Limits(),
                  username: str = "") -> str:
    """A new session of ``user_id`` ending ``lifetime_s`` from now; returns the cookie's token.
    Also forgets the failures of ``username`` from ``ip``."""
    token = secrets.token_urlsafe(32)
    run(conn, "security/session_start", {"token_hash": _digest(token), "pengguna_id": user_id, "detik": lifetime_s, "ip": ip})
    run(conn, "security/login_failures_clear", {"username": username, "ip": ip or "-", "window_s": limits.window_s})
    return token


def session_user(conn, user_id: int, token: str | None) -> dict | None:
    """The user row of a live session, or None (ended, expired, unknown or inactive user)."""
    if not token:
        return None
    return fetch_one(conn, "security/session_user", {"token_hash": _digest(token), "pengguna_id": user_id})


def end_sessions(conn, user_id: int) -> None:
    """End every session of ``user_id`` (sign-out)."""
    run(conn, "security/session_end_all", {"pengguna_id": user_id})
