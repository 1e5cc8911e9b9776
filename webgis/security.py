"""Security headers and cookie settings applied to every response.

Content-Security-Policy allows only this server ('self') for scripts, styles, fonts, data
requests and frames, plus the configured basemap's host for images. Folium writes its map set-up
as inline ``<script>`` blocks and Leaflet sets inline styles, so ``script-src`` and ``style-src``
also carry 'unsafe-inline' (nonces would have to be threaded through every folium template), and
``script-src`` carries 'unsafe-eval' because folium's MeasureControl (leaflet-measure) compiles its
templates with ``new Function``. XSS is prevented by escaping every stored text on output, and the policy still blocks scripts,
frames, plug-ins and data requests from anywhere else, and form posts off-site.
"""
import os
from urllib.parse import urlsplit

from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix


def basemap_origin(url: str | None) -> str | None:
    """``https://tile.openstreetmap.org`` for a tile URL template; ``{s}`` subdomains become ``*``."""
    if not url or url.lower() == "none":
        return None
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def content_security_policy(basemap_url: str | None) -> str:
    """The CSP header value for this deployment."""
    images = " ".join(filter(None, ("'self'", "data:", "blob:", basemap_origin(basemap_url))))
    return "; ".join((
        "default-src 'self'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'", "style-src 'self' 'unsafe-inline'",
        f"img-src {images}", "font-src 'self' data:", "connect-src 'self'", "worker-src 'self' blob:",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'",
    ))


def _headers(app):
    policy = content_security_policy(app.config.get("BASEMAP_URL"))

    def add_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if "Cache-Control" not in headers and response.mimetype == "text/html" and current_user.is_authenticated:
            headers["Cache-Control"] = "no-store"  # pages of a signed-in user may hold personal data
        return response
    return add_headers


def init_app(app) -> None:
    """Add the security headers to every response (cookie settings live in ``webgis.settings``).

    Behind a reverse proxy set ``SASARAN_PROXY_HOPS`` (usually 1) so the client address comes from
    ``X-Forwarded-For``: the sign-in rate limit per address and the audit log need the real one."""
    hops = int(app.config.get("PROXY_HOPS", os.environ.get("SASARAN_PROXY_HOPS", "0")))
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    app.after_request(_headers(app))
