"""Security headers and cookie settings applied to every response.

Content-Security-Policy allows only this server ('self') for scripts, styles, fonts, data
requests and frames, plus the configured basemap's host for images. Folium writes its map set-up
as inline ``<script>`` blocks and Leaflet sets inline styles, so ``script-src`` and ``style-src``
also carry 'unsafe-inline' (nonces would have to be threaded through every folium template), and
``script-src`` carries 'unsafe-eval' because folium's MeasureControl (leaflet-measure) compiles its
templates with ``new Function``. XSS is prevented by escaping every stored text on output, and the policy still blocks scripts,
frames, plug-ins and data requests from anywhere else, and form posts off-site.
"""
import sys
from urllib.parse import urlsplit
from typing import Any

from flask import abort, has_request_context, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SERVER_NAME = "Sasaran"


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
        if app.config.get("SESSION_COOKIE_SECURE") or request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if "Cache-Control" not in headers and response.mimetype == "text/html" and current_user.is_authenticated:
            headers["Cache-Control"] = "no-store"  # pages of a signed-in user may hold personal data
        return response
    return add_headers


class Session(SecureCookieSession):
    """A cookie session that keeps, serialised, what it held when its request began."""

    loaded = ""


class SessionInterface(SecureCookieSessionInterface):
    """Signed cookie sessions marked ``Secure`` whenever the request came over HTTPS (directly, or
    through the proxies counted by ``SASARAN_PROXY_HOPS``), not only when configured so.

    A response carries the cookie back only when its request changed what the session holds. The
    lifetime is counted by the server from sign-in (``spatial.signin``), so nothing is gained by
    refreshing the cookie, and a cookie sent back unchanged does harm: a request begun before a
    sign-in or a language switch and answered after it (a slow link, a map still loading) would
    put the old cookie back and sign the user out."""

    session_class = Session

    def open_session(self, app, request):
        session = super().open_session(app, request)
        if isinstance(session, Session):
            session.loaded = self.serializer.dumps(dict(session))
        return session

    def should_set_cookie(self, app, session) -> bool:
        return not isinstance(session, Session) or self.serializer.dumps(dict(session)) != session.loaded

    def get_cookie_secure(self, app) -> bool:
        return bool(super().get_cookie_secure(app) or (has_request_context() and request.is_secure))


def check_origin():
    """Refuse (403) a state-changing request whose ``Origin`` (or else ``Referer``) names another
    site. Requests without either come from non-browser clients and still need their CSRF token
    or bearer token; bearer-token calls carry no cookie, so another site cannot forge them."""
    if request.method not in STATE_CHANGING or request.headers.get("Authorization", "").startswith("Bearer "):
        return None
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source:
        return None
    parts = urlsplit(source)
    if f"{parts.scheme}://{parts.netloc}".lower() != request.host_url.rstrip("/").lower():
        abort(403)
    return None


def hide_server_banner() -> None:
    """Answer ``Server: Sasaran`` instead of the server's name and versions (Werkzeug and Python
    for the development server, gunicorn's name under gunicorn): the banner helps only attackers."""
    from werkzeug.serving import WSGIRequestHandler

    handler: Any = WSGIRequestHandler  # a method replaced on purpose: typed as Any
    handler.version_string = lambda self: SERVER_NAME
    gunicorn_http: Any = sys.modules.get("gunicorn.http.wsgi")
    if gunicorn_http is not None:
        gunicorn_http.SERVER = SERVER_NAME


def init_app(app) -> None:
    """Security headers on every response, ``Secure`` cookies over HTTPS, the Origin check, no
    server banner (cookie settings live in ``webgis.settings``).

    Behind a reverse proxy set ``SASARAN_PROXY_HOPS`` (the number of proxies, usually 1) so the
    client address, scheme and host come from ``X-Forwarded-For/-Proto/-Host``: the sign-in back-off
    and the audit log need the real address, ``Secure`` cookies and the Origin check the real
    scheme and host."""
    hops = int(app.config["PROXY_HOPS"])
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.session_interface = SessionInterface()
    app.before_request(check_origin)
    app.after_request(_headers(app))
    hide_server_banner()
