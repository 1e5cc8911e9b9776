"""OGC API - Features (#7): read by OWSLib and by GDAL's OAPIF driver (ogrinfo / ogr2ogr) with
counts equal to the database; tokens scoped, revocable; paging, filters, item by id, polygon query."""
import json
import subprocess

import psycopg
import pytest
from owslib.ogcapi.features import Features

from conftest import login
from spatial.areas.tokens import create_token, revoke_token

SQUARE = {"type": "Polygon", "coordinates": [[[104.05, -5.05], [104.10, -5.05], [104.10, -5.00], [104.05, -5.00],
                                             [104.05, -5.05]]]}


def _count(db_url, statement, params=()):
    with psycopg.connect(db_url) as conn:
        return conn.execute(statement, params).fetchone()[0]


@pytest.fixture(scope="module")
def agency_token(db_url):
    with psycopg.connect(db_url) as conn:
        result = create_token(conn, "Dinas PUPR", ["desa", "fasilitas", "rumah_tangga_desa"], "admin")
    return result["token"]


def _bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_owslib_reads_collections_and_pages_through_items(live_server, agency_token, db_url):
    api = Features(f"{live_server}/ogc", headers=_bearer(agency_token))
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in api.conformance()["conformsTo"]
    ids = {c["id"] for c in api.collections()["collections"]}
    assert ids == {"desa", "fasilitas", "rumah_tangga_desa"}, "only the token's scope is listed"
    seen, offset = [], 0
    while True:
        page = api.collection_items("desa", limit=50, offset=offset)
        seen += [f["id"] for f in page["features"]]
        if not any(link["rel"] == "next" for link in page["links"]):
            break
        offset += 50
    assert len(seen) == len(set(seen)) == _count(db_url, "SELECT count(*) FROM desa")
    assert page["numberMatched"] == len(seen)
    assert api.collection("desa")["extent"]["spatial"]["bbox"][0][0] == pytest.approx(
        _count(db_url, "SELECT ST_XMin(ST_Extent(geom)) FROM desa"))


def test_ogrinfo_oapif_counts_equal_database(live_server, agency_token, db_url, tmp_path):
    url = f"OAPIF:{live_server}/ogc?token={agency_token}"
    listing = subprocess.run(["ogrinfo", "-ro", "-q", url], capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    assert "desa" in listing.stdout and "rumah_tangga_desa" in listing.stdout and "kecamatan" not in listing.stdout
    out = tmp_path / "fasilitas.geojson"
    copied = subprocess.run(["ogr2ogr", "-f", "GeoJSON", str(out), url, "fasilitas"], capture_output=True, text=True,
                            timeout=120, env={"OAPIF_PAGE_SIZE": "500", "PATH": "/usr/bin:/bin"})
    assert copied.returncode == 0, copied.stderr
    features = json.loads(out.read_text())["features"]
    assert len(features) == _count(db_url, "SELECT count(*) FROM fasilitas")
    summary = subprocess.run(["ogrinfo", "-ro", "-so", url, "rumah_tangga_desa"], capture_output=True, text=True,
                             timeout=60, env={"GDAL_HTTP_HEADERS": f"Authorization: Bearer {agency_token}",
                                              "PATH": "/usr/bin:/bin"})
    assert f"Feature Count: {_count(db_url, 'SELECT count(DISTINCT kode_desa) FROM rumah_tangga WHERE aktif')}" \
        in summary.stdout, summary.stdout + summary.stderr


def test_tokens_required_scoped_and_revocable(app, db_url):
    client = app.test_client()
    assert client.get("/ogc/collections").status_code == 401
    with psycopg.connect(db_url) as conn:
        token = create_token(conn, "Dinsos", ["kecamatan"], "admin")
    headers = _bearer(token["token"])
    assert client.get("/ogc/collections/kecamatan/items", headers=headers).status_code == 200
    assert client.get("/ogc/collections/desa/items", headers=headers).status_code == 404
    assert client.get(f"/ogc/collections/kecamatan?token={token['token']}").status_code == 200
    with psycopg.connect(db_url) as conn:
        assert revoke_token(conn, token["id"])
    assert client.get("/ogc/collections/kecamatan/items", headers=headers).status_code == 401
    admin = login(app.test_client(), "admin")
    ids = {c["id"] for c in admin.get("/ogc/collections").get_json(force=True)["collections"]}
    assert "rumah_tangga_desa" in ids and "rumah_tangga" not in ids, "household points are never an OGC collection"
    assert admin.get("/ogc/collections/rumah_tangga/items").status_code == 404


def test_items_filters_paging_links_and_item_by_id(app, db_url):
    admin = login(app.test_client(), "admin")
    page = admin.get("/ogc/collections/fasilitas/items?jenis=posyandu&limit=10&offset=10").get_json(force=True)
    assert page["numberMatched"] == _count(db_url, "SELECT count(*) FROM fasilitas WHERE jenis = 'posyandu'")
    assert page["numberReturned"] == len(page["features"]) == 10
    assert {f["properties"]["jenis"] for f in page["features"]} == {"posyandu"}
    rels = {link["rel"]: link["href"] for link in page["links"]}
    assert "offset=20" in rels["next"] and "offset=0" in rels["prev"] and "jenis=posyandu" in rels["next"]
    boxed = admin.get("/ogc/collections/fasilitas/items?bbox=104.05,-5.05,104.10,-5.00").get_json(force=True)
    assert boxed["numberMatched"] == _count(db_url, "SELECT count(*) FROM fasilitas WHERE ST_Intersects(geom, "
                                                    "ST_MakeEnvelope(104.05, -5.05, 104.10, -5.00, 4326))")
    kec = admin.get("/ogc/collections/desa/items?kode_kec=18.04.04").get_json(force=True)
    assert kec["numberMatched"] == _count(db_url, "SELECT count(*) FROM desa WHERE kode_kec = '18.04.04'")
    future = admin.get("/ogc/collections/fasilitas/items?datetime=2100-01-01/..").get_json(force=True)
    assert future["numberMatched"] == 0
    beyond = admin.get("/ogc/collections/desa/items?limit=10&offset=5000").get_json(force=True)  # past the last page
    assert beyond["numberMatched"] == _count(db_url, "SELECT count(*) FROM desa") and beyond["features"] == []
    past = admin.get("/ogc/collections/fasilitas/items?datetime=../2100-01-01").get_json(force=True)
    assert past["numberMatched"] == _count(db_url, "SELECT count(*) FROM fasilitas")
    one = admin.get("/ogc/collections/desa/items/18.04.04.2002")
    assert one.status_code == 200 and one.get_json(force=True)["properties"]["kode_desa"] == "18.04.04.2002"
    assert admin.get("/ogc/collections/desa/items/99.99.99.9999").status_code == 404
    assert admin.get("/ogc/collections/desa/items?warna=merah").status_code == 400
    assert admin.get("/ogc/collections/desa/items?limit=0").status_code == 400


def test_polygon_query_features_and_statistics(app, db_url):
    admin = login(app.test_client(), "admin")
    inside = admin.post("/ogc/collections/fasilitas/query?limit=10000", json=SQUARE).get_json(force=True)
    expected = _count(db_url, "SELECT count(*) FROM fasilitas WHERE ST_Intersects(geom, ST_SetSRID("
                              "ST_GeomFromGeoJSON(%s), 4326))", (json.dumps(SQUARE),))
    assert inside["numberMatched"] == len(inside["features"]) == expected > 0
    stats = admin.post("/ogc/collections/rumah_tangga_desa/query?hasil=statistik",
                       json={"type": "Feature", "properties": {}, "geometry": SQUARE}).get_json(force=True)
    villages = _count(db_url, "SELECT count(DISTINCT r.kode_desa) FROM rumah_tangga r JOIN desa d USING (kode_desa) "
                              "WHERE r.aktif AND ST_Intersects(d.geom, ST_SetSRID(ST_GeomFromGeoJSON(%s), 4326))",
                      (json.dumps(SQUARE),))
    assert stats["jumlah_fitur"] == villages and stats["jumlah"]["jumlah"] > 0
    bad = admin.post("/ogc/collections/desa/query", json={"type": "Point", "coordinates": [104, -5]})
    assert bad.status_code == 400


def test_admin_token_page_shows_the_token_once_and_revokes(app, db_url):
    viewer = login(app.test_client(), "viewer")
    assert viewer.get("/ekspor/token").status_code == 403
    admin = login(app.test_client(), "admin")
    page = admin.post("/ekspor/token", data={"instansi": "Bappeda Provinsi", "koleksi": ["desa", "kawasan"]})
    text = page.data.decode()
    token = text.split('user-select-all">', 1)[1].split("<", 1)[0]
    assert page.status_code == 200 and token.startswith("ssr_")
    assert admin.get("/ogc/collections/kawasan", headers=_bearer(token)).status_code == 200
    assert token not in admin.get("/ekspor/token").data.decode(), "shown once only"
    with psycopg.connect(db_url) as conn:
        token_id = conn.execute("SELECT id FROM token_instansi WHERE instansi = 'Bappeda Provinsi'").fetchone()[0]
    admin.post("/ekspor/token", data={"cabut": token_id})
    assert app.test_client().get("/ogc/collections/kawasan", headers=_bearer(token)).status_code == 401


def test_html_views_opened_with_a_token_keep_it_out_of_links_and_the_address(app, agency_token):
    """A person opening the HTML view with ``?token=`` (a link from an email) must not get the
    agency's token in every link of the page, where it is copied and passed around: the token moves
    to a cookie for /ogc only, the address loses it, links carry none; JSON keeps it for GDAL."""
    client = app.test_client()
    first = client.get(f"/ogc/collections/desa/items?limit=5&f=html&token={agency_token}")
    assert first.status_code == 303, first.status_code
    assert agency_token not in first.headers["Location"] and "limit=5" in first.headers["Location"]
    cookie = first.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/ogc" in cookie
    page = client.get(first.headers["Location"])
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert 'rel="next"' in html and "18.04" in html
    assert agency_token not in html and "token=" not in html
    for path in ("/ogc?f=html", "/ogc/collections?f=html", "/ogc/collections/desa?f=html"):
        followed = client.get(path)
        assert followed.status_code == 200 and agency_token not in followed.get_data(as_text=True), path
    assert client.get("/ogc/collections/fasilitas/items?f=json&limit=1").status_code == 200
    assert app.test_client().get("/ogc/collections?f=html").status_code == 401, "the cookie belongs to that browser"
    doc = app.test_client().get(f"/ogc/collections/desa/items?limit=5&token={agency_token}").get_json(force=True)
    assert all(f"token={agency_token}" in link["href"] for link in doc["links"]), "GDAL follows JSON links"
