"""JSON/GeoJSON API of the web GIS."""
from flask import Blueprint, Response, request

from spatial import maps
from webgis.database import call
from webgis.params import float_arg
from webgis.scope import region_filter

blueprint = Blueprint("api", __name__, url_prefix="/api")

GEOJSON = "application/geo+json"


@blueprint.route("/villages")
def villages():
    """Villages (RFC 7946 GeoJSON) with Kemendagri codes, names and household counts (aggregates
    only), in the signed-in user's region."""
    body = call(maps.villages_geojson, tolerance=float_arg("tolerance", low=0),
                kode_kab=request.args.get("kode_kab") or None, wilayah=region_filter())
    return Response(body, mimetype=GEOJSON)
