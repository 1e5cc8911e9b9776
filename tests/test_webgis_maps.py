"""Map endpoints of the web GIS (issue #5): indicators, vector tiles, household look-up, facilities,
village search and the Profil Desa page, against the real PostGIS test database."""
import re

import mapbox_vector_tile
import pytest

from conftest import login
from spatial import anonymity

VILLAGE = "18.04.04.2002"


def _tile_of(db, z, where="TRUE"):
    """(x, y, household count) of the z-tile holding the most GPS households matching ``where``."""
    return db.execute(f"""
        WITH t AS (
            SELECT floor((ST_X(geom) + 180) / 360 * 2 ^ %(z)s)::int AS x,
                   floor((1 - ln(tan(radians(ST_Y(geom))) + 1 / cos(radians(ST_Y(geom)))) / pi()) / 2 * 2 ^ %(z)s)::int AS y
            FROM rumah_tangga WHERE aktif AND geom IS NOT NULL AND kualitas_lokasi <> 'lokasi_perkiraan' AND {where})
        SELECT x, y, count(*) FROM t GROUP BY x, y ORDER BY count(*) DESC, x, y LIMIT 1""", {"z": z}).fetchone()


def _count_in_tile(db, z, x, y, margin=0.0):
    return db.execute("""SELECT count(*) FROM rumah_tangga WHERE aktif AND kualitas_lokasi <> 'lokasi_perkiraan'
                         AND ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope(%s, %s, %s, margin => %s))""",
                      (z, x, y, margin)).fetchone()[0]


def _decode(response):
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.mapbox-vector-tile"
    return mapbox_vector_tile.decode(response.data)


def test_indicator_json_has_every_village_breaks_colours_and_kabupaten_average(client, db):
    payload = client.get("/api/indikator").get_json()
    assert len(payload["desa"]) == db.execute("SELECT count(*) FROM desa").fetchone()[0]
    spec = payload["indicators"]["persen_desil12"]
    assert spec["breaks"] == sorted(spec["breaks"]) and 2 <= len(spec["breaks"]) <= 5
    assert len(spec["colours"]) == len(spec["breaks"])
    values = [v["persen_desil12"] for v in payload["desa"].values() if v["persen_desil12"] is not None]
    assert max(values) <= spec["breaks"][-1] + 0.05
    n, n12 = db.execute("SELECT count(*), count(*) FILTER (WHERE desil <= 2) FROM rumah_tangga WHERE aktif").fetchone()
    assert spec["kabupaten"] == {"18.04": pytest.approx(100.0 * n12 / n, abs=0.051)}
    n, n12 = db.execute("SELECT count(*), count(*) FILTER (WHERE desil <= 2) FROM rumah_tangga "
                        "WHERE aktif AND kode_desa = %s", (VILLAGE,)).fetchone()
    assert payload["desa"][VILLAGE]["persen_desil12"] == pytest.approx(100.0 * n12 / n, abs=0.051)
    assert payload["indicators"]["persen_tanpa_air_layak"]["tersedia"]


def test_perkim_gets_household_points_without_personal_data(app, db):
    z = 14
    x, y, _n = _tile_of(db, z)
    tile = _decode(login(app.test_client(), "perkim").get(f"/tiles/rumah-tangga/{z}/{x}/{y}.pbf"))
    features = tile["rumah_tangga"]["features"]
    assert len(features) == _count_in_tile(db, z, x, y, margin=64 / 4096) > 0  # MVT buffer of 64/4096
    assert all(set(f["properties"]) <= {"desil", "skor"} for f in features)
    ids = {f["id"] for f in features}
    desil = dict(db.execute("SELECT id, desil FROM rumah_tangga WHERE id = ANY(%s)", (list(ids),)).fetchall())
    assert all(f["properties"].get("desil") == desil[f["id"]] for f in features)
    assert b"nama" not in app.test_client().get(f"/tiles/rumah-tangga/{z}/{x}/{y}.pbf").data


def test_viewer_and_anonymous_get_only_coarse_aggregates(app, db):
    z = 16
    x, y, _n = _tile_of(db, z)
    for client in (login(app.test_client(), "viewer"), app.test_client()):
        tile = _decode(client.get(f"/tiles/rumah-tangga/{z}/{x}/{y}.pbf"))
        assert "rumah_tangga" not in tile
        cells = tile.get("agregat", {"features": []})["features"]
        assert all(c["properties"]["jumlah"] >= anonymity.K for c in cells)
    assert anonymity.cell_m(anonymity.level_for_zoom(20)) >= 500
    assert anonymity.cell_m(anonymity.level_for_zoom(10)) < anonymity.cell_m(anonymity.level_for_zoom(8))


def test_low_zoom_tiles_are_grid_aggregates_that_add_up(app, db):
    z = 10
    x, y, _n = _tile_of(db, z)
    tile = _decode(login(app.test_client(), "perkim").get(f"/tiles/rumah-tangga/{z}/{x}/{y}.pbf"))
    assert "rumah_tangga" not in tile
    cells = tile["agregat"]["features"]
    assert 0 < sum(c["properties"]["jumlah"] for c in cells) <= _count_in_tile(db, z, x, y)
    assert all(0 <= c["properties"].get("persen_desil12", 0) <= 100 for c in cells)


def test_tile_query_uses_the_spatial_index(db):
    from spatial.sqlfiles import query

    x, y, _n = _tile_of(db, 16)
    db.execute("ANALYZE rumah_tangga")
    plan = "\n".join(r[0] for r in db.execute("EXPLAIN " + query("tiles/households_points"),
                                              {"z": 16, "x": x, "y": y, "wilayah": None}).fetchall())
    assert "geom_idx" in plan, plan


def test_bad_tile_coordinates_are_404(client):
    assert client.get("/tiles/rumah-tangga/3/8/1.pbf").status_code == 404
    assert client.get("/tiles/rumah-tangga/25/1/1.pbf").status_code == 404


def test_nearest_household_lookup_is_for_perkim_only(app, db):
    hid, lat, lon, keluarga, nik = db.execute(
        "SELECT id, ST_Y(geom), ST_X(geom), id_keluarga, nik_kepala FROM rumah_tangga WHERE geom IS NOT NULL "
        "AND aktif AND kualitas_lokasi <> 'lokasi_perkiraan' ORDER BY id LIMIT 1").fetchone()
    url = f"/api/households/nearest?lat={lat + 0.00001}&lon={lon}&z=17"
    perkim = login(app.test_client(), "perkim")
    answer = perkim.get(url).get_json()
    assert answer["found"] and answer["household"]["id_keluarga"] == keluarga
    assert answer["household"]["nik_kepala"] != nik and answer["household"]["nik_kepala"][-4:] == nik[-4:]
    assert perkim.get(f"/api/households/nearest?lat={lat + 0.5}&lon={lon}&z=17").get_json() == {"found": False}
    assert perkim.get("/api/households/nearest?lat=abc&lon=1").status_code == 400
    assert login(app.test_client(), "viewer").get(url).status_code == 403
    assert app.test_client().get(url).status_code == 401


def test_facilities_geojson_matches_the_table(client, db):
    collection = client.get("/api/fasilitas").get_json()
    assert len(collection["features"]) == db.execute("SELECT count(*) FROM fasilitas").fetchone()[0] > 0
    kode = collection["features"][0]["properties"]["kode_desa"]
    one = client.get(f"/api/fasilitas?kode_desa={kode}").get_json()["features"]
    assert one and all(f["properties"]["kode_desa"] == kode for f in one)


def test_village_search_by_name_and_by_code(client):
    assert client.get("/api/desa/cari?q=pasar liwa").get_json()[0]["kode_desa"] == "18.04.04.1001"
    assert [r["kode_desa"] for r in client.get("/api/desa/cari?q=1804041001").get_json()] == ["18.04.04.1001"]
    assert [r["kode_desa"] for r in client.get("/api/desa/cari?q=18.04.04.1001").get_json()] == ["18.04.04.1001"]
    assert client.get("/api/desa/cari?q=%25%25").get_json() == []


def test_dashboard_offers_priority_areas_to_signed_in_users_only(app, client):
    assert '"kawasan": "/api/kawasan"' not in client.get("/").get_data(as_text=True)
    perkim = login(app.test_client(), "perkim")
    assert '"kawasan": "/api/kawasan"' in perkim.get("/").get_data(as_text=True)
    assert perkim.get("/api/kawasan").status_code == 200
    assert client.get("/api/kecamatan").get_json()["features"]


def test_dashboard_is_light_and_lists_every_layer(client):
    html = client.get("/").get_data(as_text=True)
    assert len(html.encode()) < 60_000
    for label in ("Batas kecamatan", "Kantong kemiskinan", "Titik panas", "Klaster belum terlayani",
                  "Fasilitas air minum", "Lokasi usulan", "Kawasan prioritas", "Rumah tangga"):
        assert label in html
    assert "L.vectorGrid.protobuf" in html and "/tiles/rumah-tangga/{z}/{x}/{y}.pbf" in html
    assert not re.search(r"\b\d{16}\b", html)  # no NIK, no household inline


def test_village_profile_compares_with_kabupaten_and_hides_households_from_viewers(app, db):
    viewer = login(app.test_client(), "viewer")
    html = viewer.get(f"/desa/{VILLAGE}").get_data(as_text=True)
    nama = db.execute("SELECT nama FROM desa WHERE kode_desa = %s", (VILLAGE,)).fetchone()[0]
    assert nama in html
    assert 'id="indicator-table"' in html and 'id="chart-desil"' in html
    assert 'id="priority-households"' not in html
    assert re.search(r"Data per \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
                     r"November|Desember) \d{4}", html)
    perkim_html = login(app.test_client(), "perkim").get(f"/desa/{VILLAGE}").get_data(as_text=True)
    ids = [r[0] for r in db.execute("SELECT id_keluarga FROM rumah_tangga WHERE kode_desa = %s AND aktif",
                                    (VILLAGE,)).fetchall()]
    assert 'id="priority-households"' in perkim_html
    assert sum(f">{i}<" in perkim_html for i in ids) == min(20, len(ids)) > 0
    assert app.test_client().get("/desa/99.99.99.9999").status_code == 404


def test_english_labels_and_number_formats(app):
    client = app.test_client()
    html_id = client.get(f"/desa/{VILLAGE}").get_data(as_text=True)
    client.get("/bahasa/en")
    html_en = client.get(f"/desa/{VILLAGE}").get_data(as_text=True)
    assert "Profil Desa" in html_id and "Village profile" in html_en
    area_id = re.search(r"Luas ([\d.,]+) km²", html_id).group(1)
    area_en = re.search(r"Area ([\d.,]+) km²", html_en).group(1)
    assert area_id.replace(".", "").replace(",", ".") == area_en.replace(",", "")
    assert ("," in area_id) == ("." in area_en)
    dashboard = client.get("/").get_data(as_text=True)
    assert "Main map" in dashboard and "Poverty pockets" in dashboard
