"""Households as Mapbox vector tiles straight from PostGIS (ST_AsMVT + ST_TileEnvelope).

``/tiles/rumah-tangga/<z>/<x>/<y>.pbf`` gives admin/perkim the household points (layer
``rumah_tangga``: id, desil, skor) from zoom ``POINT_MIN_ZOOM``; below that zoom, and for every
other role at any zoom, grid aggregates (layer ``agregat``: jumlah, desil12, persen_desil12) with
cells of at least ``MIN_CELL_M`` metres and small cells suppressed. No NIK or names in any tile.
Exact points are personal data: every non-empty point tile is written to the audit log.
"""
import math

from flask import Blueprint, Response, abort
from flask_login import current_user

from spatial.sqlfiles import fetch_value
from webgis.audit import record
from webgis.database import pool
from webgis.scope import region_params
from webgis.tile_cache import cached_tile

blueprint = Blueprint("tiles", __name__, url_prefix="/tiles")

MVT = "application/vnd.mapbox-vector-tile"
POINT_MIN_ZOOM = 13
MAX_ZOOM = 20
WORLD_M = 2 * math.pi * 6378137
MIN_CELL_M = 500.0        # aggregates never finer than this (privacy)
MAX_CELLS_PER_SIDE = 32   # aggregates never coarser than 1/32 of a tile
MIN_HOUSEHOLDS_PUBLIC = 3  # grid cells with fewer households are not shown to aggregate-only roles
POINT_ROLES = ("perkim",)  # admin always passes


def may_see_points() -> bool:
    """True for the roles allowed to see household points (admin, perkim)."""
    return current_user.is_authenticated and current_user.has_role(*POINT_ROLES)


def cell_size(z: int) -> float:
    """Grid cell edge (metres, EPSG:3857) for zoom ``z``: tile width / 2^k, at least ``MIN_CELL_M``."""
    tile_m = WORLD_M / 2 ** z
    k = max(0, min(int(math.log2(MAX_CELLS_PER_SIDE)), math.floor(math.log2(max(tile_m / MIN_CELL_M, 1)))))
    return tile_m / 2 ** k


def fetch_tile(name: str, params: dict) -> bytes:
    """The vector tile (bytea) returned by the query ``name``."""
    with pool().connection() as conn:
        value = fetch_value(conn, name, params)
    return bytes(value or b"")


@blueprint.route("/rumah-tangga/<int:z>/<int:x>/<int:y>.pbf")
def households(z, x, y):
    """One vector tile of households: points for permitted roles at street zooms, else aggregates."""
    if z > MAX_ZOOM or not (0 <= x < 2 ** z and 0 <= y < 2 ** z):
        abort(404)
    params = {"z": z, "x": x, "y": y}
    points = may_see_points()
    if points and z >= POINT_MIN_ZOOM:
        body = fetch_tile("tiles/households_points", {**params, **region_params()})
        if body:
            record("lihat_titik", "rumah_tangga", f"{z}/{x}/{y}", {"ukuran": len(body)})
    else:
        min_jumlah = 1 if points else MIN_HOUSEHOLDS_PUBLIC
        body = cached_tile(f"agregat_{min_jumlah}", z, x, y, lambda: fetch_tile(
            "tiles/households_grid", {**params, "cell": cell_size(z), "min_jumlah": min_jumlah}))
    response = Response(body, mimetype=MVT)
    # Private: the content depends on the user's role.
    response.headers["Cache-Control"] = "private, max-age=300"
    response.vary.add("Cookie")
    return response
