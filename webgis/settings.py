"""The Flask configuration of the app, derived from the one settings object (spatial.settings)."""
from datetime import timedelta

from spatial.settings import Settings


def flask_config(settings: Settings) -> dict:
    """Flask config values of ``settings`` (tests override single keys through ``create_app``)."""
    return {
        "DATABASE_URL": settings.database_url,
        # No secret in the repo: set SASARAN_SECRET_KEY in production; a random key otherwise
        # (sessions then end when the app restarts).
        "SECRET_KEY": settings.session_key,
        # Basemap, in this order (webgis.basemap): a local PMTiles/MBTiles file served by the app, a
        # tile URL template, OpenStreetMap online; "none" = no online basemap (context layers only).
        "BASEMAP_FILE": str(settings.basemap_file) if settings.basemap_file else None,
        "BASEMAP_URL": settings.basemap_url,
        "BASEMAP_ATTRIBUTION": settings.basemap_attribution,
        "BABEL_DEFAULT_LOCALE": settings.locale,
        "BABEL_DEFAULT_TIMEZONE": settings.timezone,
        "SAMPLE_MODE": settings.sample_mode,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": settings.secure_cookies,
        # Issue #8: signed sessions end 8 hours after sign-in; no long-lived remember-me cookie.
        "SESSION_COOKIE_NAME": "sasaran_sesi",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=settings.session_hours),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": settings.secure_cookies,
        "REMEMBER_COOKIE_DURATION": timedelta(hours=8),
        "MAX_CONTENT_LENGTH": settings.max_upload_mb * 1024 * 1024,
        "DB_POOL_MAX": settings.db_pool_max,
        # Seconds a request waits for a database connection: during an outage it gets its 503
        # within this time. Keep DB_POOL_MAX at least the threads of a worker so that a busy but
        # healthy server never waits that long.
        "DB_POOL_TIMEOUT": settings.db_pool_timeout,
        "TILE_CACHE_MAX": settings.tile_cache_max,
        "PROXY_HOPS": settings.proxy_hops,
        "IMPORT_DIR": str(settings.import_dir),
        "UPLOAD_DIR": str(settings.upload_dir),
    }
