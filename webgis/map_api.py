"""JSON endpoints behind the maps: indicators, facilities, kecamatan, village search and the
household look-up that replaces VectorGrid's unreliable canvas click events."""
import math
import re

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext as _

from spatial.privacy import mask_nik
from webgis import audit
from webgis.auth import role_required
from webgis.database import fetch_all, fetch_value
from webgis.indicators import indicator_payload
from webgis.scope import region_params
from webgis.tiles import POINT_MIN_ZOOM, POINT_ROLES

blueprint = Blueprint("map_api", __name__, url_prefix="/api")

GEOJSON = "application/geo+json"
EMPTY_COLLECTION = '{"type": "FeatureCollection", "features": []}'
CLICK_TOLERANCE_PX = 10
EARTH_M_PER_PX_Z0 = 156543.03392


def _geojson(body: str | None) -> Response:
    return Response(body or EMPTY_COLLECTION, mimetype=GEOJSON)


@blueprint.route("/indikator")
def indicators():
    """Village indicators, class breaks, colours and kabupaten averages (aggregates: public)."""
    return jsonify(indicator_payload())


@blueprint.route("/fasilitas")
def facilities():
    """Facilities (GeoJSON; public facilities are not personal data), optionally ``?kode_desa=``."""
    return _geojson(fetch_value("maps/facilities_geojson", {"kode_desa": request.args.get("kode_desa") or None}))


@blueprint.route("/kecamatan")
def kecamatan():
    """Kecamatan outlines (GeoJSON lines)."""
    return _geojson(fetch_value("maps/kecamatan_geojson"))


def _compact(code: str) -> str:
    return re.sub(r"\D", "", code)


@blueprint.route("/desa/cari")
def search_villages():
    """Villages whose name contains ``q`` or whose Kemendagri code (dotted or not) starts with it."""
    query = (request.args.get("q") or "").strip()
    if not query:
        return jsonify([])
    digits = _compact(query) if re.fullmatch(r"[\d.\s]+", query) else None
    name = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")  # LIKE wildcards are literal
    rows = fetch_all("maps/village_search", {"digits": digits, "name": name})
    return jsonify(rows)


@blueprint.route("/households/nearest")
@role_required(*POINT_ROLES)
def nearest_household():
    """The household nearest to ``lat``/``lon`` within ~10 screen pixels at zoom ``z`` (popup data)."""
    lat = request.args.get("lat", type=float)
    lon = request.args.get("lon", type=float)
    zoom = request.args.get("z", default=16, type=int)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return jsonify(error=_("Parameter lat dan lon wajib diisi.")), 400
    zoom = max(POINT_MIN_ZOOM, min(zoom, 22))
    radius_m = CLICK_TOLERANCE_PX * EARTH_M_PER_PX_Z0 * math.cos(math.radians(lat)) / 2 ** zoom
    rows = fetch_all("maps/households_nearest", {
        "lat": lat, "lon": lon, "radius_m": radius_m, "radius_deg": radius_m / 100000.0, **region_params()})
    if not rows:
        return jsonify(found=False)
    row = rows[0]
    audit.record("lihat", "rumah_tangga", row["id"], {"id_keluarga": row["id_keluarga"]})
    row["nik_kepala"] = mask_nik(row["nik_kepala"])  # popups: region and last four digits only
    row["skor"] = None if row["skor"] is None else float(row["skor"])
    return jsonify(found=True, household=row)

