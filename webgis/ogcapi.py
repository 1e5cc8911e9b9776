"""OGC API - Features Part 1 (Core, GeoJSON) at ``/ogc``: read-only, for signed-in users and for
agencies with bearer tokens scoped to collections (``?token=`` accepted for GDAL/QGIS, see
``webgis.agency``). Collections are the export layers (``spatial.areas.layers``) that are not
personal: agencies get households only as k-anonymous aggregates.

Extensions beside Core: ``kode_kec`` / ``kode_desa`` filters, ``k`` and ``sel_m`` for the household
aggregates, and ``POST /ogc/collections/{id}/query`` with a GeoJSON polygon returning the features
inside it (``?hasil=fitur``, default) or statistics (``?hasil=statistik``).
"""
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for

from spatial import maps
from spatial.areas import AreaError, features
from spatial.areas.geometry import polygon_of
from spatial.areas.layers import LAYERS, filter_params
from spatial.areas.schema import feature_schema, queryables as queryables_schema, xml_schema
from spatial.errors import N_, InvalidInput, SasaranError
from webgis.agency import agency_or_user, remember_token, requester
from webgis.audit import record
from webgis.database import call, connection
from webgis.errors import message_of
from webgis.exports import readable_layers
from webgis.params import int_arg

blueprint = Blueprint("ogcapi", __name__, url_prefix="/ogc")
GEOJSON = "application/geo+json"
SCHEMA_JSON = "application/schema+json"
REL_SCHEMA = "http://www.opengis.net/def/rel/ogc/1.0/schema"
REL_QUERYABLES = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
# The conformance classes declared (tests/test_ogc_conformance.py checks what each one requires).
CONFORMANCE = ["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
               "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
               "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
               "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
               "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
               "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters"]
DEFAULT_LIMIT, MAX_LIMIT = 100, 10000
COMMON_PARAMS = {"f", "token", "limit", "offset", "bbox", "bbox-crs", "datetime", "kode_kec", "kode_desa", "k", "sel_m",
                 "hasil"}
MAX_QUERY_BYTES = 1 << 20


def _url(endpoint: str, **values) -> str:
    """Absolute URL that carries the token when the client sent it in the query string."""
    if g.requester.token_in_query:
        values["token"] = g.requester.token_in_query
    return url_for(endpoint, _external=True, **values)


def _link(href, rel, kind, title=None):
    link = {"href": href, "rel": rel, "type": kind}
    if title:
        link["title"] = title
    return link


def _json(payload, status=200, mimetype="application/json"):
    return Response(json.dumps(payload, ensure_ascii=False, default=str), status=status, mimetype=mimetype)


def _problem(status: int, code: str, description: str):
    return _json({"code": code, "description": description}, status)


@blueprint.errorhandler(SasaranError)
def _refused(error: SasaranError):
    """Refusals in the exception format of OGC API (``code``, ``description``)."""
    code = {404: "NotFound", 403: "Forbidden"}.get(error.status, "InvalidParameterValue")
    return _problem(error.status, code, message_of(error))


def _wants_html() -> bool:
    """``?f=html``, or a client (a browser) that prefers HTML to JSON; ``?f=json`` and others get JSON."""
    if "f" in request.args:
        if request.args["f"] not in ("json", "html"):
            raise InvalidInput(N_("f harus json atau html."))
        return request.args["f"] == "html"
    return request.accept_mimetypes.best_match(["application/json", GEOJSON, "text/html"]) == "text/html"


@blueprint.before_request
def _token_out_of_html_links():
    """An HTML view opened with a live ``?token=``: the token moves to a cookie for /ogc and the
    browser goes to the same address without it, so no link of the page carries it."""
    token, endpoint = request.args.get("token"), request.endpoint
    if not token or not endpoint or request.method != "GET" or not _wants_html() or requester() is None:
        return None
    values: dict[str, Any] = {**(request.view_args or {}),
                              **{key: request.args.getlist(key) for key in request.args if key != "token"}}
    return remember_token(redirect(url_for(endpoint, **values), 303), token)


def _this_url(**changes) -> str:
    """URL of the current resource with its query string changed (e.g. ``f="html"``)."""
    args = {k: v for k, v in request.args.items() if k != "token"}
    assert request.endpoint is not None  # set in every view
    return _url(request.endpoint, **{**(request.view_args or {}), **args, **changes})


def _resource(doc: dict, page: str, mimetype: str = "application/json", **context):
    """The resource as JSON with a link to its HTML view, or as that HTML page (``templates/ogc``)."""
    if _wants_html():
        links = [*doc.get("links", []), _link(_this_url(f="json"), "alternate", mimetype, "JSON")]
        return render_template("ogc/page.html", page=page, doc=doc, links=links, ogc_url=_url, **context)
    doc.setdefault("links", []).append(_link(_this_url(f="html"), "alternate", "text/html", "HTML"))
    return _json(doc, mimetype=mimetype)


def _collection_or_404(collection_id: str):
    layer = LAYERS.get(collection_id)
    if layer is None or not layer.ogc or layer not in readable_layers(g.requester):
        abort(404)
    return layer


def _district_bbox(conn) -> list:
    row = maps.villages_extent(conn, g.requester.wilayah)
    return [row["xmin"], row["ymin"], row["xmax"], row["ymax"]] if row else [-180, -90, 180, 90]


def _collection_doc(layer, bbox: list, temporal: list | None = None) -> dict:
    extent = {"spatial": {"bbox": [bbox], "crs": CRS84}}
    if layer.temporal:
        extent["temporal"] = {"interval": [temporal or [None, None]],
                              "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
    name = layer.name
    # "describedBy": link relations compare case-insensitively (RFC 8288); GDAL before 3.7 matches
    # only this spelling, and types its fields from the XSD (64-bit integers), not from JSON Schema.
    return {"id": name, "title": layer.title, "description": layer.description, "itemType": "feature",
            "crs": [CRS84], "extent": extent,
            "links": [_link(_url("ogcapi.collection", collection_id=name), "self", "application/json"),
                      _link(_url("ogcapi.items", collection_id=name), "items", GEOJSON, layer.title),
                      _link(_url("ogcapi.schema", collection_id=name), REL_SCHEMA, SCHEMA_JSON, "Schema"),
                      _link(_url("ogcapi.queryables", collection_id=name), REL_QUERYABLES, SCHEMA_JSON, "Queryables"),
                      _link(_url("ogcapi.xml_schema_view", collection_id=name), "describedBy", "application/xml",
                            "GML application schema")]}


@blueprint.route("", strict_slashes=False)
@agency_or_user
def landing():
    """Landing page: links to the API definition, conformance and collections."""
    return _resource({"title": "Sasaran OGC API - Features",
                      "description": "Data kemiskinan dan layanan dasar per desa (agregat) untuk instansi mitra.",
                      "links": [_link(_url("ogcapi.landing"), "self", "application/json", "Landing page"),
                            _link(_url("ogcapi.api"), "service-desc", "application/vnd.oai.openapi+json;version=3.0",
                                  "OpenAPI"),
                            _link(_url("ogcapi.conformance"), "conformance", "application/json", "Conformance"),
                            _link(_url("ogcapi.collections"), "data", "application/json", "Collections")]},
                     "landing")


@blueprint.route("/conformance")
@agency_or_user
def conformance():
    """Conformance classes implemented."""
    if _wants_html():
        return render_template("ogc/page.html", page="conformance", doc={"title": "Conformance",
                                                                          "conformsTo": CONFORMANCE},
                               links=[_link(_this_url(f="json"), "alternate", "application/json", "JSON")],
                               ogc_url=_url)
    return _json({"conformsTo": CONFORMANCE})


@blueprint.route("/api")
@agency_or_user
def api():
    """A minimal OpenAPI 3.0 description of the endpoints."""
    def op(summary, params=()):
        return {"get": {"summary": summary, "parameters": [{"name": p, "in": "query", "schema": {"type": "string"}}
                                                             for p in params],
                        "responses": {"200": {"description": "OK"}}}}
    item_params = ("limit", "offset", "bbox", "datetime", "kode_kec", "kode_desa")
    paths = {"/": op("Landing page"), "/conformance": op("Conformance"), "/collections": op("Collections")}
    for layer in readable_layers(g.requester):
        if layer.ogc:
            paths[f"/collections/{layer.name}"] = op(layer.title)
            paths[f"/collections/{layer.name}/items"] = op(layer.title, item_params + layer.properties)
            paths[f"/collections/{layer.name}/items/{{featureId}}"] = op(layer.title)
            paths[f"/collections/{layer.name}/queryables"] = op(f"{layer.title}: queryables")
            paths[f"/collections/{layer.name}/schema"] = op(f"{layer.title}: schema")
    return _json({"openapi": "3.0.3", "info": {"title": "Sasaran OGC API - Features", "version": "1.0"},
                  "servers": [{"url": url_for("ogcapi.landing", _external=True)}], "paths": paths},
                 mimetype="application/vnd.oai.openapi+json;version=3.0")


@blueprint.route("/collections")
@agency_or_user
def collections():
    """The collections the requester may read."""
    bbox = call(_district_bbox)
    docs = [_collection_doc(layer, bbox) for layer in readable_layers(g.requester) if layer.ogc]
    return _resource({"links": [_link(_url("ogcapi.collections"), "self", "application/json")], "collections": docs},
                     "collections")


@blueprint.route("/collections/<collection_id>")
@agency_or_user
def collection(collection_id):
    """One collection with its actual extent (and time interval where meaningful)."""
    layer = _collection_or_404(collection_id)
    with connection() as conn:
        bbox, temporal = features.extent(conn, layer, filter_params(wilayah=g.requester.wilayah))
        bbox = bbox or _district_bbox(conn)
    return _resource(_collection_doc(layer, bbox, temporal), "collection", fields=layer.fields)


@blueprint.route("/collections/<collection_id>/schema")
@agency_or_user
def schema(collection_id):
    """JSON Schema of the collection's features (property types; integers are 64-bit)."""
    layer = _collection_or_404(collection_id)
    return _json(feature_schema(layer, _url("ogcapi.schema", collection_id=layer.name)), mimetype=SCHEMA_JSON)


@blueprint.route("/collections/<collection_id>/queryables")
@agency_or_user
def queryables(collection_id):
    """JSON Schema of the properties the items can be filtered on."""
    layer = _collection_or_404(collection_id)
    return _json(queryables_schema(layer, _url("ogcapi.queryables", collection_id=layer.name)), mimetype=SCHEMA_JSON)


@blueprint.route("/collections/<collection_id>/schema.xsd")
@agency_or_user
def xml_schema_view(collection_id):
    """GML application schema of the collection, for clients that type their fields from it (GDAL)."""
    layer = _collection_or_404(collection_id)
    return Response(xml_schema(layer), mimetype="application/xml")


def _params(layer, extra_allowed=()) -> dict:
    unknown = set(request.args) - COMMON_PARAMS - set(layer.properties) - set(extra_allowed)
    if unknown:
        raise AreaError(N_("Parameter tidak dikenal: %(nama)s"), nama=", ".join(sorted(unknown)))
    crs = request.args.get("bbox-crs")
    if crs and crs != CRS84:
        raise AreaError(N_("Hanya bbox-crs CRS84 yang didukung."))
    # k and sel_m are parameters of the aggregate layers (echoed in their properties), not filters
    props = {key: request.args[key] for key in layer.properties if key in request.args and key not in ("k", "sel_m")}
    return filter_params(request.args.get("kode_kec"), request.args.get("kode_desa"), request.args.get("bbox"),
                         request.args.get("datetime") if layer.temporal else None, props, int_arg("k"),
                         int_arg("sel_m"), wilayah=g.requester.wilayah)


def _paging() -> tuple[int, int]:
    """``limit`` (at least 1, at most MAX_LIMIT) and ``offset`` (at least 0) of a page of items."""
    return min(int_arg("limit", DEFAULT_LIMIT, low=1), MAX_LIMIT), int_arg("offset", 0, low=0)


def _page(layer, params: dict, endpoint: str):
    limit, offset = _paging()
    matched, found = call(features.page, layer, params, limit, offset)
    args = {k: v for k, v in request.args.items() if k not in ("offset", "token")}
    base = _url(endpoint, collection_id=layer.name)
    sep = "&" if "?" in base else "?"
    links = [_link(base + (sep + urlencode({**args, "offset": offset}) if args or offset else ""), "self", GEOJSON),
             _link(_url("ogcapi.collection", collection_id=layer.name), "collection", "application/json")]
    if offset + len(found) < matched:
        links.append(_link(base + sep + urlencode({**args, "limit": limit, "offset": offset + limit}), "next", GEOJSON))
    if offset > 0:
        links.append(_link(base + sep + urlencode({**args, "limit": limit, "offset": max(0, offset - limit)}), "prev",
                           GEOJSON))
    head = {"type": "FeatureCollection", "numberMatched": matched, "numberReturned": len(found),
            "timeStamp": datetime.now(UTC).isoformat(timespec="seconds"), "links": links}
    if _wants_html():
        return _resource({**head, "title": layer.title}, "items", GEOJSON, fields=layer.fields,
                         features=[json.loads(f) for f in found])
    links.append(_link(_this_url(f="html"), "alternate", "text/html", "HTML"))
    body = json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [' + ",\n".join(found) + "]}"
    return Response(body, mimetype=GEOJSON)


@blueprint.route("/collections/<collection_id>/items")
@agency_or_user
def items(collection_id):
    """Features of a collection, paged (limit/offset, next/prev links) and filtered."""
    layer = _collection_or_404(collection_id)
    response = _page(layer, _params(layer), "ogcapi.items")
    record("baca_ogc", "lapisan", layer.name, {"args": {k: v for k, v in request.args.items() if k != "token"}},
           user=g.requester.name)
    return response


@blueprint.route("/collections/<collection_id>/items/<path:feature_id>")
@agency_or_user
def item(collection_id, feature_id):
    """One feature by its id."""
    layer = _collection_or_404(collection_id)
    found = call(features.feature, layer, filter_params(wilayah=g.requester.wilayah), feature_id)
    if found is None:
        return _problem(404, "NotFound", f"{collection_id}/{feature_id}")
    feature = json.loads(found)
    feature["links"] = [_link(_url("ogcapi.item", collection_id=layer.name, feature_id=feature_id), "self", GEOJSON),
                        _link(_url("ogcapi.collection", collection_id=layer.name), "collection", "application/json")]
    record("baca_ogc", "lapisan", layer.name, {"fitur": feature_id}, user=g.requester.name)
    return _resource(feature, "item", GEOJSON, title=f"{layer.title} {feature_id}", fields=layer.fields)


def _query_geometry() -> str:
    if (request.content_length or 0) > MAX_QUERY_BYTES:
        raise AreaError(N_("Badan permintaan terlalu besar."))
    body = request.get_json(silent=True, force=True)
    if isinstance(body, dict) and body.get("type") == "Feature":
        body = body.get("geometry")
    elif isinstance(body, dict) and "geometry" in body:
        body = body["geometry"]
    if not isinstance(body, dict) or body.get("type") not in ("Polygon", "MultiPolygon"):
        raise AreaError(N_("Badan permintaan harus poligon GeoJSON (Polygon, MultiPolygon atau Feature)."))
    return json.dumps(polygon_of(body))


@blueprint.route("/collections/<collection_id>/query", methods=["POST"])
@agency_or_user
def polygon_query(collection_id):
    """Features of a collection intersecting the posted GeoJSON polygon, or their statistics
    (count and sums of the numeric properties; suppressed k-anonymous values are not summed)."""
    layer = _collection_or_404(collection_id)
    params = {**_params(layer), "geom": _query_geometry()}
    mode = request.args.get("hasil", "fitur")
    if mode not in ("fitur", "statistik"):
        raise AreaError(N_("hasil harus 'fitur' atau 'statistik'."))
    with connection() as conn:
        features.check_polygon(conn, params["geom"])
        statistics = features.statistics(conn, layer, params) if mode == "statistik" else None
    response = _json(statistics) if statistics is not None else _page(layer, params, "ogcapi.polygon_query")
    record("kueri_ogc", "lapisan", layer.name, {"hasil": mode}, user=g.requester.name)
    return response
