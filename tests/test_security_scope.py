"""Issue #8: a kecamatan-scoped user (``pengguna.kode_wilayah`` 18.04.04) gets only that kecamatan
in priority areas (lists, statistics, edits), analysis layers and pages, exports and the OGC API.
Expected figures are computed here with SQL on the real PostGIS data."""
import json
import re

import psycopg
import pytest

from spatial.users import save_user

KEC = "18.04.04"
PASSWORD = "Kopi-Liwa-7-Gunung"
DESA_CODE = re.compile(r"\b18\.04\.\d\d\.\d{4}\b")


def _value(url, query, params=None):
    with psycopg.connect(url) as conn:
        return conn.execute(query, params).fetchone()[0]


def _scoped(app, db_url, role: str):
    """A test client signed in as a ``role`` account limited to kecamatan 18.04.04."""
    username = f"scope_{role}"
    save_user(username, PASSWORD, role, name=f"{role} Balik Bukit", kode_wilayah=KEC, url=db_url)
    client = app.test_client()
    assert client.post("/login", data={"username": username, "password": PASSWORD}).status_code == 302
    return client


def _admin(app):
    client = app.test_client()
    assert client.post("/login", data={"username": "admin", "password": "demo-admin"}).status_code == 302
    return client


@pytest.fixture
def areas(db_url):
    """Two areas stored directly: one across the border of 18.04.04 (an in-scope village and its
    neighbour outside), one wholly in another kecamatan. Removed afterwards."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        inside, outside_neighbour = conn.execute("""
            SELECT a.kode_desa, b.kode_desa FROM desa a JOIN desa b ON ST_Touches(a.geom, b.geom)
            WHERE a.kode_kec = %s AND b.kode_kec <> %s
              AND EXISTS (SELECT 1 FROM rumah_tangga r WHERE r.kode_desa = a.kode_desa AND r.geom IS NOT NULL)
              AND EXISTS (SELECT 1 FROM rumah_tangga r WHERE r.kode_desa = b.kode_desa AND r.geom IS NOT NULL)
            ORDER BY a.kode_desa, b.kode_desa LIMIT 1""", (KEC, KEC)).fetchone()
        far = conn.execute("""SELECT kode_desa FROM desa WHERE kode_kec = '18.04.21'
                              AND NOT ST_DWithin(geom, (SELECT ST_Union(geom) FROM desa WHERE kode_kec = %s), 0.01)
                              ORDER BY kode_desa LIMIT 1""", (KEC,)).fetchone()[0]
        ids = [conn.execute("""INSERT INTO kawasan_prioritas (nama, jenis, geom, dibuat_oleh)
                               SELECT %s, 'lainnya', ST_Multi(ST_Union(geom)), 'uji' FROM desa WHERE kode_desa = ANY(%s)
                               RETURNING id""", (name, codes)).fetchone()[0]
               for name, codes in (("Lintas batas", [inside, outside_neighbour]), ("Luar wilayah", [far]))]
    yield {"lintas": ids[0], "luar": ids[1], "far_village": far}
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("DELETE FROM kawasan_prioritas WHERE id = ANY(%s) OR dibuat_oleh = 'scope_perencana'", (ids,))


def test_scoped_planner_sees_and_edits_only_areas_of_the_region(app, db_url, areas):
    planner = _scoped(app, db_url, "perencana")
    listed = {f["id"] for f in planner.get("/api/kawasan").get_json()["features"]}
    assert areas["lintas"] in listed and areas["luar"] not in listed
    assert areas["luar"] in {f["id"] for f in _admin(app).get("/api/kawasan").get_json()["features"]}
    assert planner.get(f"/api/kawasan/{areas['luar']}").status_code == 404
    assert planner.get(f"/api/kawasan/{areas['luar']}/statistik").status_code == 404
    assert planner.put(f"/api/kawasan/{areas['luar']}", json={"nama": "Diambil alih"}).status_code == 404
    assert planner.delete(f"/api/kawasan/{areas['luar']}").status_code == 404
    assert _value(db_url, "SELECT nama || versi || (dihapus_pada IS NULL) FROM kawasan_prioritas WHERE id = %s",
                  (areas["luar"],)) == "Luar wilayah1true"

    far_geometry = json.loads(_value(db_url, "SELECT ST_AsGeoJSON(geom) FROM desa WHERE kode_desa = %s",
                                     (areas["far_village"],)))
    refused = planner.post("/api/kawasan", json={"nama": "Di luar", "geometry": far_geometry})
    assert refused.status_code == 400 and KEC in refused.get_json()["error"]
    moved = planner.put(f"/api/kawasan/{areas['lintas']}", json={"nama": "Pindah", "geometry": far_geometry})
    assert moved.status_code == 400
    drawn = planner.post("/api/kawasan/statistik", json={"geometry": far_geometry}).get_json()
    assert drawn["rumah_tangga"] == 0 and drawn["desa"] == [] and drawn["fasilitas"] == []


def test_area_statistics_count_only_the_region(app, db_url, areas):
    stats = _scoped(app, db_url, "viewer").get(f"/api/kawasan/{areas['lintas']}/statistik").get_json()
    counted = """SELECT count(*) FROM rumah_tangga r, kawasan_prioritas k
                 WHERE k.id = %s AND r.aktif AND r.geom IS NOT NULL AND ST_Intersects(r.geom, k.geom)
                   AND (%s::text IS NULL OR r.kode_desa LIKE %s || '.%%')"""
    in_region = _value(db_url, counted, (areas["lintas"], KEC, KEC))
    everyone = _value(db_url, counted, (areas["lintas"], None, None))
    assert 0 < in_region < everyone
    assert stats["rumah_tangga"] == in_region
    assert _admin(app).get(f"/api/kawasan/{areas['lintas']}/statistik").get_json()["rumah_tangga"] == everyone
    assert stats["desa"] and all(v["kode_desa"].startswith(KEC + ".") for v in stats["desa"])
    facilities = _value(db_url, """SELECT count(*) FROM fasilitas f, kawasan_prioritas k WHERE k.id = %s
                                   AND ST_Intersects(f.geom, k.geom) AND f.kode_desa LIKE %s || '.%%'""",
                        (areas["lintas"], KEC))
    assert sum(f["jumlah"] for f in stats["fasilitas"]) == facilities


LATEST = "(SELECT max(id) FROM analisis_run WHERE jenis = %s AND status = 'selesai')"


@pytest.mark.parametrize("layer, jenis, table, by_code", [
    ("lisa", "lisa", "analisis_lisa", True), ("celah-desa", "celah", "analisis_celah_desa", True),
    ("kantong", "kantong", "analisis_kantong", False), ("hotspot", "hotspot", "analisis_hotspot", False),
    ("celah", "celah", "analisis_celah_klaster", False)])
def test_analysis_layers_only_in_the_region(app, db_url, layer, jenis, table, by_code):
    scoped = _scoped(app, db_url, "viewer").get(f"/api/analisis/{layer}").get_json(force=True)["features"]
    everything = _admin(app).get(f"/api/analisis/{layer}").get_json(force=True)["features"]
    if by_code:
        assert scoped and all(f["properties"]["kode_desa"].startswith(KEC + ".") for f in scoped)
        expected = _value(db_url, f"SELECT count(*) FROM {table} WHERE run_id = {LATEST} AND kode_desa LIKE %s",
                          (jenis, KEC + ".%"))
    else:  # features without a village: those overlapping the kecamatan's villages by more than a sliver
        expected = _value(db_url, f"""SELECT count(*) FROM {table} t WHERE run_id = {LATEST} AND EXISTS (
                SELECT 1 FROM desa d WHERE d.kode_kec = %s AND ST_Area(ST_Intersection(d.geom, t.geom))
                                          >= 0.01 * LEAST(ST_Area(t.geom), ST_Area(d.geom)))""", (jenis, KEC))
    assert len(scoped) == expected
    assert len(scoped) < len(everything)


def test_analysis_pages_list_only_villages_of_the_region(app, db_url):
    viewer = _scoped(app, db_url, "viewer")
    for page in ("celah", "skor"):  # (the hot-spot page shows grid cells only since Local Moran left it)
        html = viewer.get(f"/analisis/{page}").get_data(as_text=True)
        codes = set(DESA_CODE.findall(html))
        assert codes, page
        assert all(code.startswith(KEC + ".") for code in codes), (page, sorted(codes)[:5])


def test_exports_and_ogc_only_in_the_region(app, db_url):
    viewer = _scoped(app, db_url, "viewer")
    kecamatan = viewer.get("/ekspor/kecamatan.geojson").get_json(force=True)["features"]
    assert [f["properties"]["kode_kec"] for f in kecamatan] == [KEC], "neighbours sharing a border stay out"
    in_region = _value(db_url, "SELECT count(*) FROM rumah_tangga WHERE aktif AND geom IS NOT NULL AND kode_desa LIKE %s",
                       (KEC + ".%",))
    cells = viewer.get("/ekspor/rumah_tangga_grid.geojson?sel_m=5000").get_json(force=True)["features"]
    assert in_region > 0 and cells
    everyone = {c["id"]: c["properties"]
                for c in _admin(app).get("/ekspor/rumah_tangga_grid.geojson?sel_m=5000").get_json(force=True)["features"]}
    # only the cells over the region, counted as for everyone: subtracting the two answers gives nothing
    assert len(cells) < len(everyone) and all(everyone[c["id"]] == c["properties"] for c in cells)
    villages = viewer.get("/ekspor/rumah_tangga_desa.geojson").get_json(force=True)["features"]
    assert {f["properties"]["kode_desa"][:8] for f in villages} == {KEC}
    pockets = viewer.get("/ekspor/kantong.geojson").get_json(force=True)["features"]
    assert len(pockets) == len(viewer.get("/api/analisis/kantong").get_json(force=True)["features"])
    assert viewer.get("/ogc/collections/kecamatan/items").get_json(force=True)["numberMatched"] == 1
    district = {"type": "Polygon", "coordinates": [[[103.0, -6.0], [105.0, -6.0], [105.0, -4.0], [103.0, -4.0],
                                                     [103.0, -6.0]]]}
    stats = viewer.post("/ogc/collections/rumah_tangga_desa/query?hasil=statistik", json=district).get_json()
    assert stats["jumlah_fitur"] == len(villages)
    perkim = _scoped(app, db_url, "perkim")
    points = perkim.get("/ekspor/rumah_tangga.geojson").get_json(force=True)["features"]
    assert len(points) == in_region and all(p["properties"]["kode_desa"].startswith(KEC + ".") for p in points)
