"""App configuration from environment variables (sane defaults for a local install)."""
import os
import secrets
from datetime import timedelta

from spatial.config import database_url


def from_environment() -> dict:
    """Flask config values read from ``SASARAN_*`` / ``DATABASE_URL`` environment variables."""
    return {
        "DATABASE_URL": database_url(),
        # No secret in the repo: set SASARAN_SECRET_KEY in production; a random key otherwise
        # (sessions then end when the app restarts).
        "SECRET_KEY": os.environ.get("SASARAN_SECRET_KEY") or secrets.token_hex(32),
        # Basemap tile URL template; "none" = no basemap (village boundaries are the reference layer).
        "BASEMAP_URL": os.environ.get("SASARAN_BASEMAP_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
        "BASEMAP_ATTRIBUTION": os.environ.get("SASARAN_BASEMAP_ATTRIBUTION", "&copy; OpenStreetMap contributors"),
        "BABEL_DEFAULT_LOCALE": os.environ.get("SASARAN_LOCALE", "id"),
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("SASARAN_TIMEZONE", "Asia/Jakarta"),
        "SAMPLE_MODE": os.environ.get("SASARAN_SAMPLE_MODE", "1") == "1",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SASARAN_SECURE_COOKIES", "0") == "1",
        # Issue #8: signed sessions end 8 hours after sign-in; no long-lived remember-me cookie.
        "SESSION_COOKIE_NAME": "sasaran_sesi",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=int(os.environ.get("SASARAN_SESSION_HOURS", "8"))),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": os.environ.get("SASARAN_SECURE_COOKIES", "0") == "1",
        "REMEMBER_COOKIE_DURATION": timedelta(hours=8),
        "MAX_CONTENT_LENGTH": int(os.environ.get("SASARAN_MAX_UPLOAD_MB", "200")) * 1024 * 1024,
        "DB_POOL_MAX": int(os.environ.get("SASARAN_DB_POOL_MAX", "10")),
        # Seconds a request waits for a database connection: during an outage it gets its 503
        # within this time. Keep DB_POOL_MAX at least the threads of a worker so that a busy but
        # healthy server never waits that long.
        "DB_POOL_TIMEOUT": float(os.environ.get("SASARAN_DB_POOL_TIMEOUT", "1.5")),
    }
