"""Route classification: every endpoint is public, for any signed-in user, or for given roles.

- public: listed in ``PUBLIC`` below (a short, explicit allow-list);
- role: the view is wrapped by ``webgis.auth.role_required(...)`` (or ``authenticated``), which
  marks the view with ``mark_roles``; a whole blueprint can be protected with ``protect_blueprint``.

Anything else is *unclassified*: the guard installed by ``init_app`` still requires a signed-in
user for it (secure by default) and ``tests/test_security_routes.py`` fails, naming the endpoint,
until its author classifies it.
"""
from flask import current_app, request
from flask_login import current_user

# Endpoints anyone may call. Map pages and map data here show aggregates only (villages,
# indicators, facilities, kecamatan outlines, priority areas, grid-aggregate tiles with small
# cells suppressed); personal fields inside them are gated by role in the view itself.
PUBLIC = frozenset({
    "static", "assets.vendor", "basemap.tile", "i18n.switch_language", "auth.login", "auth.logout", "health.healthz",
    "maps.dashboard", "profil.village", "api.villages", "map_api.indicators", "map_api.facilities",
    "map_api.kecamatan", "map_api.search_villages", "tiles.households",
    # analysis result layers of the dashboard (issue #4): polygons/cells/sites, aggregates only
    "analysis_api.layer_kantong", "analysis_api.layer_hotspot", "analysis_api.layer_lisa",
    "analysis_api.layer_celah", "analysis_api.layer_celah_desa", "analysis_api.layer_lokasi_usulan",
})
# blueprint name -> roles required for every view of the blueprint (see protect_blueprint).
BLUEPRINT_ROLES: dict[str, tuple] = {}
# attribute of a view function holding the roles it requires (set by mark_roles)
ROLES_ATTRIBUTE = "required_roles"


def mark_roles(view, roles: tuple) -> None:
    """Record on ``view`` the roles it requires, for ``classification`` (role decorators call it)."""
    setattr(view, ROLES_ATTRIBUTE, roles)


def protect_blueprint(blueprint, *roles) -> None:
    """Require ``roles`` (admin always passes) for every view of ``blueprint``."""
    from webgis.auth import check_roles

    BLUEPRINT_ROLES[blueprint.name] = roles
    blueprint.before_request(lambda: check_roles(roles))


def classification(app, endpoint: str):
    """``"public"``, the tuple of roles required, or ``None`` when the endpoint is unclassified."""
    if endpoint in PUBLIC:
        return "public"
    view = app.view_functions.get(endpoint)
    roles = getattr(view, ROLES_ATTRIBUTE, None)
    if roles is not None:
        return tuple(roles)
    if "." not in endpoint:
        return None
    return BLUEPRINT_ROLES.get(endpoint.rsplit(".", 1)[0])


def unclassified(app) -> list[str]:
    """Endpoints of ``app`` that are neither public nor role-protected."""
    return sorted(e for e in app.view_functions if classification(app, e) is None)


def _guard():
    endpoint = request.endpoint
    if endpoint is None or classification(current_app, endpoint) is not None:
        return None
    current_app.logger.warning("unclassified endpoint %s: sign-in required by default", endpoint)
    if not current_user.is_authenticated:
        from webgis.auth import login_manager

        return login_manager.unauthorized()
    return None


def init_app(app) -> None:
    """Install the secure-by-default guard for unclassified endpoints."""
    app.before_request(_guard)
