"""Who is asking for shared data: a signed-in user, or an agency with a bearer token.

Agencies send ``Authorization: Bearer <token>``; clients that cannot set headers (GDAL's OAPIF
driver, QGIS) may pass ``?token=<token>`` instead. The query-string form ends up in proxy and
server logs and in browser history, so such tokens should be scoped to aggregate collections and
revoked when no longer needed. A person who opens an HTML view with ``?token=`` gets the token in a
cookie for ``/ogc`` only (``remember_token``) and the address without it, so that the links of the
page, which people copy and pass around, never carry it.

Views decorated with ``agency_or_user`` are classified for ``webgis.access`` with the pseudo-role
``instansi`` beside every user role.
"""
from dataclasses import dataclass
from functools import wraps

from flask import current_app, g, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from spatial.areas.tokens import check_token
from spatial.users import ROLES
from webgis.access import mark_roles
from webgis.database import call

AGENCY = "instansi"
TOKEN_COOKIE = "sasaran_token_instansi"


@dataclass
class Requester:
    """A signed-in user (``role`` set) or an agency (``koleksi`` = collections in scope)."""
    name: str
    role: str | None
    koleksi: tuple | None = None
    token_in_query: str | None = None
    wilayah: str | None = None   # region scope of a signed-in user (kabupaten/kecamatan code)

    def may_read(self, layer) -> bool:
        """Agencies: collections in their scope, never personal layers; users: the layer's roles."""
        if self.role is None:
            return layer.ogc and layer.name in (self.koleksi or ())
        return not layer.roles or self.role == "admin" or self.role in layer.roles


def _token_from_request() -> tuple[str | None, bool]:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), False
    token = request.args.get("token")
    if token:
        return token, True
    return request.cookies.get(TOKEN_COOKIE) or None, False


def remember_token(response: Response, token: str) -> Response:
    """Keep ``token`` for this browser in a cookie sent only to ``/ogc`` (HttpOnly, SameSite=Strict,
    Secure over HTTPS, as long as a session)."""
    app = current_app
    response.set_cookie(TOKEN_COOKIE, token, max_age=int(app.permanent_session_lifetime.total_seconds()),
                        path="/ogc", httponly=True, samesite="Strict",
                        secure=app.session_interface.get_cookie_secure(app))
    return response


def requester() -> Requester | None:
    """The requester of this request, or None (no session, no live token)."""
    token, in_query = _token_from_request()
    if token:
        row = call(check_token, token)
        if row is None:
            return None
        return Requester(f"{AGENCY}:{row['id']}:{row['instansi']}", None, tuple(row["koleksi"]),
                         token if in_query else None)
    if current_user and current_user.is_authenticated:
        return Requester(current_user.username, current_user.role, wilayah=current_user.region or None)
    return None


def agency_or_user(view):
    """Decorator: a signed-in user or a live agency token; else 401 JSON. Sets ``g.requester``."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        who = requester()
        if who is None:
            response = jsonify(code="Unauthorized", description=_("Token instansi tidak sah atau sudah dicabut."))
            response.status_code = 401
            response.headers["WWW-Authenticate"] = 'Bearer realm="sasaran"'
            return response
        g.requester = who
        return view(*args, **kwargs)
    mark_roles(wrapper, (*ROLES, AGENCY))
    return wrapper
