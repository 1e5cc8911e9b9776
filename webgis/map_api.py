"""JSON endpoints behind the maps: indicators, facilities, kecamatan, village search and the
household look-up that replaces VectorGrid's unreliable canvas click events."""
from flask import Blueprint, Response, jsonify, request, url_for
from flask_babel import gettext as _

from spatial import maps
from spatial.households import detail
from webgis import audit
from webgis.auth import role_required
from webgis.database import call, connection
from webgis.households import score_lines
from webgis.indicators import indicator_payload
from webgis.scope import region_filter
from webgis.tiles import POINT_ROLES
from webgis.params import float_arg, int_arg

blueprint = Blueprint("map_api", __name__, url_prefix="/api")

GEOJSON = "application/geo+json"
EMPTY_COLLECTION = '{"type": "FeatureCollection", "features": []}'


def _geojson(body: str | None) -> Response:
    return Response(body or EMPTY_COLLECTION, mimetype=GEOJSON)


@blueprint.route("/indikator")
def indicators():
    """Village indicators, class breaks, colours and the figure of each kabupaten (aggregates:
    public; a signed-in user limited to a region gets its villages and kabupaten only)."""
    return jsonify(indicator_payload(wilayah=region_filter()))


@blueprint.route("/fasilitas")
def facilities():
    """Facilities (GeoJSON; public facilities are not personal data), optionally ``?kode_desa=``, in
    the signed-in user's region."""
    return _geojson(call(maps.facilities_geojson, request.args.get("kode_desa") or None, region_filter()))


@blueprint.route("/kecamatan")
def kecamatan():
    """Kecamatan outlines (GeoJSON lines) of the signed-in user's region."""
    return _geojson(call(maps.kecamatan_geojson, region_filter()))


@blueprint.route("/desa/cari")
def search_villages():
    """Villages of the user's region whose name contains ``q`` or whose Kemendagri code (dotted or
    not) starts with it."""
    return jsonify(call(maps.search_villages, request.args.get("q") or "", region_filter()))


@blueprint.route("/households/nearest")
@role_required(*POINT_ROLES)
def nearest_household():
    """The household nearest to ``lat``/``lon`` within ~10 screen pixels at zoom ``z`` (popup data)."""
    lat = float_arg("lat")
    lon = float_arg("lon")
    zoom = int_arg("z", 16)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return jsonify(error=_("Parameter lat dan lon wajib diisi.")), 400
    with connection() as conn:
        row = maps.nearest_household(conn, lat, lon, zoom, region_filter())
        if row is None:
            return jsonify(found=False)
        record = detail.record(conn, row["kode_prov"], row["id"], region_filter())
    audit.record("lihat", "rumah_tangga", row["id"], {"id_keluarga": row["id_keluarga"]})
    row["alasan_skor"] = score_lines(record)["ringkas"] if record else None
    row["url"] = url_for("rumah_tangga.detail_page", kode_prov=row["kode_prov"], rt_id=row["id"])
    return jsonify(found=True, household=row)

