"""Households as Mapbox vector tiles straight from PostGIS (ST_AsMVT + ST_TileEnvelope).

``/tiles/rumah-tangga/<z>/<x>/<y>.pbf`` gives admin/perkim the household points of their region
(layer ``rumah_tangga``: id, desil, skor) from zoom ``POINT_MIN_ZOOM``; below that zoom, and for
every other role at any zoom, grid aggregates (layer ``agregat``: jumlah, desil12, persen_desil12)
made by the one anonymity rule (``spatial.anonymity``), the same for every role. No NIK or names in
any tile. Exact points are personal data: every non-empty point tile is written to the audit log.
"""
from flask import Blueprint, Response, abort, current_app
from flask_login import current_user

from spatial import tiles
from spatial.tiles import POINT_MIN_ZOOM
from webgis.audit import record
from webgis.database import connection
from webgis.scope import region_filter

blueprint = Blueprint("tiles", __name__, url_prefix="/tiles")

MVT = "application/vnd.mapbox-vector-tile"
POINT_ROLES = ("perkim",)  # admin always passes


def may_see_points() -> bool:
    """True for the roles allowed to see household points (admin, perkim)."""
    return current_user.is_authenticated and current_user.has_role(*POINT_ROLES)


@blueprint.route("/rumah-tangga/<int:z>/<int:x>/<int:y>.pbf")
def households(z, x, y):
    """One vector tile of households: points for permitted roles at street zooms, else aggregates."""
    if not tiles.valid_tile(z, x, y):
        abort(404)
    if may_see_points() and z >= POINT_MIN_ZOOM:
        with connection() as conn:
            body = tiles.household_points(conn, z, x, y, region_filter())
        if body:
            record("lihat_titik", "rumah_tangga", f"{z}/{x}/{y}", {"ukuran": len(body)}, durable=False)
    else:
        with connection() as conn:
            body = tiles.household_grid(conn, z, x, y, current_app.config["TILE_CACHE_MAX"])
    response = Response(body, mimetype=MVT)
    # Private: the content depends on the user's role.
    response.headers["Cache-Control"] = "private, max-age=300"
    response.vary.add("Cookie")
    return response
