"""OGC API - Features: the conformance expectations clients rely on, as one table (#20).

Each row is a request and what the answer must satisfy (requirements of Part 1 Core, GeoJSON, HTML,
OpenAPI 3.0 and Part 3 Queryables, the classes ``/ogc/conformance`` declares). Read as an agency
(bearer token for every collection) on the test sample."""
import re

import psycopg
import pytest

from spatial.areas.layers import LAYERS
from spatial.areas.tokens import create_token

CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"
DECLARED = {CORE + "core", CORE + "geojson", CORE + "html", CORE + "oas30",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters"}
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
BBOX = (104.0, -5.1, 104.2, -4.95)


@pytest.fixture(scope="module")
def api(app, db_url):
    """GET helper reading the API as an agency with every collection."""
    with psycopg.connect(db_url) as conn:
        token = create_token(conn, "Uji kesesuaian", sorted(n for n, layer in LAYERS.items() if layer.ogc),
                             "admin")["token"]
    client = app.test_client()

    def get(path, accept="application/json"):
        return client.get(path, headers={"Authorization": f"Bearer {token}", "Accept": accept})
    return get


def _rels(doc):
    return {link["rel"]: link for link in doc["links"]}


def _json(r, mimetype="application/json"):
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    assert r.mimetype == mimetype
    return r.get_json()


def _landing(get):
    doc = _json(get("/ogc"))
    rels = _rels(doc)
    assert {"self", "service-desc", "conformance", "data", "alternate"} <= set(rels)
    assert rels["alternate"]["type"] == "text/html"


def _conformance(get):
    assert set(_json(get("/ogc/conformance"))["conformsTo"]) == DECLARED


def _openapi(get):
    r = get("/ogc/api")
    assert r.status_code == 200 and r.mimetype == "application/vnd.oai.openapi+json"
    paths = r.get_json()["paths"]
    assert "/collections/desa/items" in paths and "/conformance" in paths


def _collections(get):
    docs = _json(get("/ogc/collections"))["collections"]
    assert {c["id"] for c in docs} == {n for n, layer in LAYERS.items() if layer.ogc}
    for c in docs:
        rels = _rels(c)
        assert rels["items"]["type"] == "application/geo+json"
        assert CRS84 in c["crs"] and len(c["extent"]["spatial"]["bbox"][0]) == 4
        assert {"http://www.opengis.net/def/rel/ogc/1.0/queryables", "describedBy"} <= set(rels)


def _collection(get):
    doc = _json(get("/ogc/collections/desa"))
    assert doc["id"] == "desa" and doc["extent"]["spatial"]["crs"] == CRS84
    xmin, ymin, xmax, ymax = doc["extent"]["spatial"]["bbox"][0]
    assert 103 < xmin < xmax < 106 and -6 < ymin < ymax < -4, "CRS84 is longitude, latitude"


def _unknown_collection(get):
    assert get("/ogc/collections/tidak_ada").status_code == 404


def _items(get):
    doc = _json(get("/ogc/collections/desa/items?limit=3"), "application/geo+json")
    assert doc["type"] == "FeatureCollection" and doc["numberReturned"] == len(doc["features"]) == 3
    assert doc["numberMatched"] == 136 and "timeStamp" in doc
    assert {"self", "next", "collection", "alternate"} <= set(_rels(doc))
    feature = doc["features"][0]
    assert feature["type"] == "Feature" and feature["id"] and feature["geometry"]["type"] == "MultiPolygon"
    lon, lat = feature["geometry"]["coordinates"][0][0][0]
    assert 103 < lon < 106 and -6 < lat < -4, "coordinates in CRS84 order"


def _paging(get):
    first = _json(get("/ogc/collections/desa/items?limit=50"), "application/geo+json")
    second = _json(get(_rels(first)["next"]["href"]), "application/geo+json")
    third = _json(get(_rels(second)["next"]["href"]), "application/geo+json")
    assert "prev" in _rels(second) and "next" not in _rels(third)
    ids = [f["id"] for page in (first, second, third) for f in page["features"]]
    assert len(ids) == len(set(ids)) == 136
    back = _json(get(_rels(second)["prev"]["href"]), "application/geo+json")
    assert [f["id"] for f in back["features"]] == [f["id"] for f in first["features"]]


def _offset_past_the_end(get):
    doc = _json(get("/ogc/collections/desa/items?offset=500"), "application/geo+json")
    assert doc["numberReturned"] == 0 and doc["features"] == [] and "next" not in _rels(doc)


def _limit_capped_and_checked(get):
    doc = _json(get("/ogc/collections/fasilitas/items?limit=100000"), "application/geo+json")
    assert doc["numberReturned"] <= 10000
    assert get("/ogc/collections/desa/items?limit=0").status_code == 400
    assert get("/ogc/collections/desa/items?limit=abc").status_code == 400
    beyond = get("/ogc/collections/desa/items?offset=99999999999")  # past PostgreSQL's integer: still the client's error
    assert beyond.status_code == 400 and beyond.get_json()["code"] == "InvalidParameterValue"


def _bbox(get):
    doc = _json(get("/ogc/collections/fasilitas/items?limit=10000&bbox=" + ",".join(map(str, BBOX))),
                "application/geo+json")
    everything = _json(get("/ogc/collections/fasilitas/items?limit=10000"), "application/geo+json")
    assert 0 < doc["numberMatched"] < everything["numberMatched"]
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert BBOX[0] <= lon <= BBOX[2] and BBOX[1] <= lat <= BBOX[3]
    assert get("/ogc/collections/fasilitas/items?bbox=1,2,3").status_code == 400
    assert get(f"/ogc/collections/fasilitas/items?bbox=1,2,3,4&bbox-crs={CRS84}").status_code == 200
    assert get("/ogc/collections/fasilitas/items?bbox=1,2,3,4&bbox-crs=EPSG:4326").status_code == 400


def _property_filter(get):
    doc = _json(get("/ogc/collections/fasilitas/items?limit=10000&jenis=posyandu"), "application/geo+json")
    assert doc["numberMatched"] > 0 and {f["properties"]["jenis"] for f in doc["features"]} == {"posyandu"}
    kec = _json(get("/ogc/collections/desa/items?kode_kec=18.04.04"), "application/geo+json")
    assert kec["features"] and all(f["properties"]["kode_kec"] == "18.04.04" for f in kec["features"])


def _unknown_parameter(get):
    r = get("/ogc/collections/desa/items?warna=merah")
    assert r.status_code == 400 and r.get_json()["code"] == "InvalidParameterValue"


def _datetime(get):
    everything = _json(get("/ogc/collections/fasilitas/items?limit=1"), "application/geo+json")["numberMatched"]
    future = _json(get("/ogc/collections/fasilitas/items?datetime=2999-01-01/.."), "application/geo+json")
    past = _json(get("/ogc/collections/fasilitas/items?limit=1&datetime=../2999-01-01"), "application/geo+json")
    assert future["numberMatched"] == 0 and past["numberMatched"] == everything
    assert get("/ogc/collections/fasilitas/items?datetime=kemarin").status_code == 400


def _item(get):
    doc = _json(get("/ogc/collections/desa/items/18.04.04.2002"), "application/geo+json")
    assert doc["type"] == "Feature" and doc["id"] == "18.04.04.2002"
    assert {"self", "collection", "alternate"} <= set(_rels(doc))
    assert get("/ogc/collections/desa/items/99.99.99.9999").status_code == 404


def _queryables(get):
    doc = _json(get("/ogc/collections/fasilitas/queryables"), "application/schema+json")
    assert doc["type"] == "object" and doc["$schema"].startswith("https://json-schema.org/")
    assert doc["$id"].endswith("/ogc/collections/fasilitas/queryables")
    assert doc["properties"]["jenis"]["type"] == "string" and doc["properties"]["berfungsi"]["type"] == "boolean"


def _html(path, marker):
    def check(get):
        for r in (get(path + ("&" if "?" in path else "?") + "f=html"), get(path, accept="text/html,*/*;q=0.8")):
            assert r.status_code == 200 and r.mimetype == "text/html", path
            page = r.get_data(as_text=True)
            assert marker in page, (path, marker)
            assert re.search(r'rel="alternate"', page), "the HTML view links its JSON"
    return check


def _unsupported_format(get):
    answer = get("/ogc/collections?f=xml")
    assert answer.status_code == 400
    assert answer.get_json() == {"code": "InvalidParameterValue", "description": "f harus json atau html."}


EXPECTATIONS = [
    ("landing page: links self, service-desc, conformance, data, HTML alternate", _landing),
    ("conformance: the declared classes", _conformance),
    ("OpenAPI 3.0 definition", _openapi),
    ("collections: every collection, items link geo+json, CRS84 extent, schema links", _collections),
    ("collection: id and CRS84 extent", _collection),
    ("unknown collection: 404", _unknown_collection),
    ("items: application/geo+json FeatureCollection with counts and links", _items),
    ("paging: next/prev links cover every feature once", _paging),
    ("offset past the end: empty page without next", _offset_past_the_end),
    ("limit: capped at the maximum, invalid values 400", _limit_capped_and_checked),
    ("bbox: only intersecting features, CRS84 only", _bbox),
    ("properties: equality filters on queryables", _property_filter),
    ("unknown query parameter: 400", _unknown_parameter),
    ("datetime: intervals, invalid 400", _datetime),
    ("item: one feature by id, 404 otherwise", _item),
    ("queryables: JSON Schema", _queryables),
    ("HTML: landing page", _html("/ogc", "Sasaran OGC API")),
    ("HTML: conformance", _html("/ogc/conformance", "conf/core")),
    ("HTML: collections", _html("/ogc/collections", 'id="collections"')),
    ("HTML: collection", _html("/ogc/collections/desa", 'id="fields"')),
    ("HTML: items with paging", _html("/ogc/collections/desa/items?limit=5", 'rel="next"')),
    ("HTML: item", _html("/ogc/collections/desa/items/18.04.04.2002", "18.04.04.2002")),
    ("f=xml: 400", _unsupported_format),
]


@pytest.mark.parametrize("check", [row[1] for row in EXPECTATIONS], ids=[row[0] for row in EXPECTATIONS])
def test_conformance_expectation(api, check):
    check(api)
