"""Priority areas (#7): CRUD through the API with roles, validation, versions, import from files
(GeoJSON, KML, zipped Shapefile; zip-slip / zip-bomb refused), statistics equal to geopandas,
lokus proposal and agency tokens."""
import io
import json
import zipfile

import geopandas
import psycopg
import pytest
from shapely.geometry import shape

from conftest import login
from spatial.areas import AreaError
from spatial.areas.importer import import_areas
from spatial.areas.lokus import proposal, save_lokus
from spatial.areas.stats import area_stats
from spatial.areas.store import area_history, list_areas
from spatial.areas.tokens import check_token, create_token, revoke_token, token_hash
from spatial.codelists import AIR_MINUM_LAYAK, FASILITAS_BAB_LAYAK, JENIS_KLOSET_LAYAK, PEMBUANGAN_TINJA_LAYAK
from spatial.db import engine
from spatial.uploads import UploadError

# A square around Liwa (Balik Bukit), inside the district.
SQUARE = {"type": "Polygon", "coordinates": [[[104.05, -5.05], [104.10, -5.05], [104.10, -5.00], [104.05, -5.00],
                                             [104.05, -5.05]]]}
BOWTIE = {"type": "Polygon", "coordinates": [[[104.05, -5.05], [104.10, -5.00], [104.10, -5.05], [104.05, -5.00],
                                             [104.05, -5.05]]]}
FAR_AWAY = {"type": "Polygon", "coordinates": [[[110.0, -7.0], [110.1, -7.0], [110.1, -6.9], [110.0, -7.0]]]}


@pytest.fixture
def cleanup_areas(db_url):
    """Remove the areas a test created in the main database (history rows cascade)."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        before = conn.execute("SELECT COALESCE(max(id), 0) FROM kawasan_prioritas").fetchone()[0]
    yield
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("DELETE FROM kawasan_prioritas WHERE id > %s", (before,))


def test_area_crud_with_roles_versions_and_soft_delete(app, db_url, cleanup_areas):
    viewer = login(app.test_client(), "viewer")
    assert viewer.post("/api/kawasan", json={"nama": "X", "geometry": SQUARE}).status_code == 403
    planner = login(app.test_client(), "perencana")
    created = planner.post("/api/kawasan", json={"nama": "Zona air Liwa", "jenis": "zona_air", "tahun": 2026,
                                                 "catatan": "uji", "geometry": SQUARE})
    assert created.status_code == 201, created.data
    area_id = created.json["id"]
    assert created.json["diperbaiki"] is False
    listed = viewer.get("/api/kawasan").json
    assert area_id in [f["id"] for f in listed["features"]]
    assert viewer.get(f"/api/kawasan/{area_id}").json["kawasan"]["nama"] == "Zona air Liwa"

    updated = planner.put(f"/api/kawasan/{area_id}", json={"nama": "Zona air Liwa 2", "jenis": "zona_air",
                                                           "geometry": BOWTIE})
    assert updated.status_code == 200 and updated.json["versi"] == 2
    assert updated.json["diperbaiki"] is True and "Self-intersection" in updated.json["alasan_perbaikan"]
    assert planner.put(f"/api/kawasan/{area_id}", json={"nama": "Nama baru", "jenis": "lainnya"}).json["versi"] == 3

    assert planner.delete(f"/api/kawasan/{area_id}").status_code == 200
    assert planner.delete(f"/api/kawasan/{area_id}").status_code == 404
    assert area_id not in [f["id"] for f in viewer.get("/api/kawasan").json["features"]]
    detail = viewer.get(f"/api/kawasan/{area_id}").json
    assert detail["kawasan"]["dihapus_pada"] is not None
    assert [(h["versi"], h["aksi"]) for h in detail["riwayat"]] == [(1, "buat"), (2, "ubah"), (3, "ubah"), (4, "hapus")]
    assert detail["riwayat"][0]["nama"] == "Zona air Liwa" and detail["riwayat"][2]["nama"] == "Nama baru"
    with psycopg.connect(db_url) as conn:
        actions = [r[0] for r in conn.execute(
            "SELECT aksi FROM audit_log WHERE objek = 'kawasan_prioritas' AND objek_id = %s ORDER BY id", (str(area_id),))]
    assert actions == ["buat", "ubah", "ubah", "hapus"]


@pytest.mark.parametrize("body, message", [
    ({"nama": "  ", "geometry": SQUARE}, "Nama kawasan wajib diisi"),
    ({"nama": "Jauh", "geometry": FAR_AWAY}, "di luar wilayah kabupaten"),
    ({"nama": "Garis", "geometry": {"type": "LineString", "coordinates": [[104.0, -5.0], [104.1, -5.1]]}}, "poligon"),
    ({"nama": "Jenis", "jenis": "pasar", "geometry": SQUARE}, "Jenis kawasan tidak dikenal"),
    ({"nama": "Tahun", "tahun": 1850, "geometry": SQUARE}, "Tahun harus antara"),
    ({"nama": "Datar", "geometry": {"type": "Polygon", "coordinates": [[[104.05, -5.05], [104.06, -5.05],
                                                                       [104.07, -5.05], [104.05, -5.05]]]}}, "luas"),
])
def test_invalid_areas_are_refused_with_a_message(app, db_url, body, message):
    planner = login(app.test_client(), "perencana")
    with psycopg.connect(db_url) as conn:
        before = conn.execute("SELECT count(*) FROM kawasan_prioritas").fetchone()[0]
    response = planner.post("/api/kawasan", json=body)
    assert response.status_code == 400 and message in response.json["error"]
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT count(*) FROM kawasan_prioritas").fetchone()[0] == before


def test_area_errors_follow_the_interface_language(app):
    planner = login(app.test_client(), "perencana")
    line = {"nama": "Garis", "geometry": {"type": "LineString", "coordinates": [[104.0, -5.0], [104.1, -5.1]]}}
    assert planner.post("/api/kawasan", json=line).json["error"] == "Kawasan harus berupa poligon."
    planner.get("/bahasa/en")
    assert planner.post("/api/kawasan", json=line).json["error"] == "An area must be a polygon."
    assert planner.post("/api/kawasan", json={**line, "tahun": "abc"}).json["error"] == "The year must be a number."


def _layak_air(value):
    return None if value is None else value.strip().lower() in AIR_MINUM_LAYAK


def _layak_sanitasi(bab, kloset, tinja):
    if bab is None:
        return None
    if bab.strip().lower() not in FASILITAS_BAB_LAYAK:
        return False
    if kloset is None or tinja is None:
        return None
    return kloset.strip().lower() in JENIS_KLOSET_LAYAK and tinja.strip().lower() in PEMBUANGAN_TINJA_LAYAK


def test_area_statistics_equal_geopandas(db_url):
    eng = engine(db_url)
    households = geopandas.read_postgis(
        "SELECT r.geom, r.desil, r.jumlah_balita, r.sumber_air_minum, r.fasilitas_bab, r.jenis_kloset, "
        "r.pembuangan_tinja, COALESCE(s.rtlh AND s.memenuhi_syarat, false) AS calon_rtlh "
        "FROM rumah_tangga r LEFT JOIN skor_rtlh s ON s.kode_prov = r.kode_prov AND s.rumah_tangga_id = r.id "
        "WHERE r.aktif AND r.geom IS NOT NULL", eng, geom_col="geom")
    facilities = geopandas.read_postgis("SELECT jenis, geom FROM fasilitas", eng, geom_col="geom")
    villages = geopandas.read_postgis("SELECT kode_desa, geom FROM desa", eng, geom_col="geom")
    polygon = shape(SQUARE)
    inside = households[households.intersects(polygon)]
    assert len(inside) > 100, "the test square must hold households"
    with psycopg.connect(db_url) as conn:
        stats = area_stats(conn, SQUARE, biaya_satuan=20_000_000)
    assert stats["rumah_tangga"] == len(inside)
    assert stats["desil12"] == int((inside.desil <= 2).sum())
    assert stats["desil1"] == int((inside.desil == 1).sum())
    assert stats["balita"] == int(inside.jumlah_balita.fillna(0).sum())
    assert stats["rtlh"] == int(inside.calon_rtlh.sum())
    assert stats["biaya_rtlh"] == stats["rtlh"] * 20_000_000
    assert stats["tanpa_air_layak"] == sum(_layak_air(v) is False for v in inside.sumber_air_minum)
    assert stats["tanpa_sanitasi_layak"] == sum(_layak_sanitasi(*row) is False for row in inside[
        ["fasilitas_bab", "jenis_kloset", "pembuangan_tinja"]].itertuples(index=False))
    expected_facilities = facilities[facilities.intersects(polygon)].jenis.value_counts().to_dict()
    assert {f["jenis"]: f["jumlah"] for f in stats["fasilitas"]} == expected_facilities
    touched = villages[villages.intersects(polygon)].to_crs(32748)
    share = (touched.intersection(geopandas.GeoSeries([polygon], crs=4326).to_crs(32748).iloc[0]).area
             / touched.area * 100).round(1)
    expected = dict(zip(touched.kode_desa, share))
    got = {v["kode_desa"]: v["persen_luas_desa"] for v in stats["desa"]}
    assert got.keys() == expected.keys()
    assert all(abs(got[k] - expected[k]) <= 0.5 for k in got), (got, expected)


def _feature_collection(*geometries):
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"nama": f"Kawasan {i}", "jenis": "zona_sanitasi"}, "geometry": g}
        for i, g in enumerate(geometries, start=1)]}


def test_import_geojson_kml_and_zipped_shapefile(scratch_db, tmp_path):
    path = tmp_path / "kawasan.geojson"
    path.write_text(json.dumps(_feature_collection(SQUARE, BOWTIE)))
    with psycopg.connect(scratch_db) as conn:
        result = import_areas(conn, path, "uji", {"tahun": 2026})
        assert len(result["disimpan"]) == 2 and result["diperbaiki"] == 1
        areas = list_areas(conn)
        assert {a["nama"] for a in areas} == {"Kawasan 1", "Kawasan 2"}
        assert {a["tahun"] for a in areas} == {2026} and {a["jenis"] for a in areas} == {"zona_sanitasi"}

        frame = geopandas.GeoDataFrame({"Name": ["Dari KML"]}, geometry=[shape(SQUARE)], crs=4326)
        frame.to_file(tmp_path / "kawasan.kml", driver="KML")
        assert len(import_areas(conn, tmp_path / "kawasan.kml", "uji")["disimpan"]) == 1

        frame = geopandas.GeoDataFrame({"nama": ["Dari SHP"]}, geometry=[shape(SQUARE)], crs=4326).to_crs(32748)
        frame.to_file(tmp_path / "kawasan.shp")
        with zipfile.ZipFile(tmp_path / "kawasan.zip", "w") as archive:
            for suffix in (".shp", ".shx", ".dbf", ".prj"):
                archive.write(tmp_path / f"kawasan{suffix}", f"kawasan{suffix}")
        assert len(import_areas(conn, tmp_path / "kawasan.zip", "uji")["disimpan"]) == 1
        names = {a["nama"]: a for a in list_areas(conn)}
        assert {"Dari KML", "Dari SHP"} <= names.keys()
        # reprojected from UTM back to WGS 84: the same area as the square (within 0.1 ha)
        assert abs(float(names["Dari SHP"]["luas_ha"]) - float(names["Dari KML"]["luas_ha"])) <= 0.1

        bad = tmp_path / "campur.geojson"
        bad.write_text(json.dumps(_feature_collection(SQUARE, FAR_AWAY)))
        with pytest.raises(AreaError, match="Kawasan 2: Kawasan berada di luar"):
            import_areas(conn, bad, "uji")
        assert len(list_areas(conn)) == 4, "a refused file stores nothing"


def test_import_refuses_zip_slip_and_zip_bomb(scratch_db, tmp_path):
    slip = tmp_path / "slip.zip"
    with zipfile.ZipFile(slip, "w") as archive:
        archive.writestr("../../evil.shp", b"\x00\x00\x27\x0a" + b"0" * 100)
        archive.writestr("a.shx", b"0")
        archive.writestr("a.dbf", b"0")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.shp", b"\x00" * (60 << 20))
        archive.writestr("a.shx", b"0")
        archive.writestr("a.dbf", b"0")
    pdf = tmp_path / "kawasan.geojson"
    pdf.write_bytes(b"%PDF-1.4 not a map")
    with psycopg.connect(scratch_db) as conn:
        with pytest.raises(UploadError, match="tidak aman"):
            import_areas(conn, slip, "uji")
        with pytest.raises(UploadError):
            import_areas(conn, bomb, "uji")
        with pytest.raises(UploadError, match="dokumen PDF"):
            import_areas(conn, pdf, "uji")
        assert list_areas(conn) == []
    assert not (tmp_path.parent / "evil.shp").exists()


def test_web_import_and_history_of_created_area(app, db_url, cleanup_areas):
    planner = login(app.test_client(), "perencana")
    body = json.dumps(_feature_collection(SQUARE)).encode()
    response = planner.post("/kawasan/impor", data={"berkas": (io.BytesIO(body), "zona.geojson"), "tahun": "2027"},
                            content_type="multipart/form-data")
    assert response.status_code == 201, response.data
    area_id = response.json["disimpan"][0]
    with psycopg.connect(db_url) as conn:
        assert [h["aksi"] for h in area_history(conn, area_id)] == ["buat"]
        assert conn.execute("SELECT tahun FROM kawasan_prioritas WHERE id = %s", (area_id,)).fetchone()[0] == 2027


def test_area_stats_endpoint_for_a_drawn_polygon(app, db_url):
    viewer = login(app.test_client(), "viewer")
    response = viewer.post("/api/kawasan/statistik", json={"geometry": SQUARE})
    assert response.status_code == 200
    with psycopg.connect(db_url) as conn:
        expected = conn.execute("SELECT count(*) FROM rumah_tangga WHERE aktif AND ST_Intersects(geom, "
                                "ST_SetSRID(ST_GeomFromGeoJSON(%s), 4326))", (json.dumps(SQUARE),)).fetchone()[0]
    assert response.json["rumah_tangga"] == expected > 0
    assert viewer.post("/api/kawasan/statistik", json={"geometry": {"type": "Point", "coordinates": [1, 2]}}).status_code == 400


def test_lokus_proposal_ranks_stunting_lokus_first_then_desil1(db_url):
    year = 2099
    with psycopg.connect(db_url) as conn:
        try:
            ranked = proposal(conn, year, "kemiskinan_ekstrem")
            desil1 = [r["desil1"] for r in ranked]
            assert desil1 == sorted(desil1, reverse=True), "without stunting lokus: by desil-1 households"
            last = ranked[-1]["kode_desa"]
            save_lokus(conn, year, "stunting", [{"kode_desa": last, "alasan": "prevalensi tinggi"}], "uji")
            ranked = proposal(conn, year, "kemiskinan_ekstrem")
            assert ranked[0]["kode_desa"] == last and ranked[0]["lokus_stunting"]
            top = [r["kode_desa"] for r in ranked[:3]]
            assert save_lokus(conn, year, "kemiskinan_ekstrem", [{"kode_desa": c} for c in top], "uji") == 3
            assert save_lokus(conn, year, "kemiskinan_ekstrem", [{"kode_desa": top[0], "alasan": "x"}], "uji") == 1
            fixed = [r["kode_desa"] for r in proposal(conn, year, "kemiskinan_ekstrem") if r["ditetapkan"]]
            assert fixed == [top[0]], "saving replaces the year's list"
            with pytest.raises(AreaError, match="Kode desa tidak sah"):
                save_lokus(conn, year, "stunting", [{"kode_desa": "1804"}], "uji")
        finally:
            conn.rollback()


def test_lokus_page_save_as_planner_read_as_viewer(app, db_url):
    year = 2098
    planner = login(app.test_client(), "perencana")
    page = planner.get(f"/lokus?tahun={year}&jenis=stunting")
    assert page.status_code == 200 and b"tabel-lokus" in page.data
    try:
        codes = ["18.04.04.1001", "18.04.04.2002"]
        response = planner.post("/lokus", data={"tahun": year, "jenis": "stunting", "kode_desa": codes,
                                                "alasan_18.04.04.1001": "balita berisiko"})
        assert response.status_code == 302
        viewer = login(app.test_client(), "viewer")
        assert viewer.post("/lokus", data={"tahun": year, "jenis": "stunting", "kode_desa": codes}).status_code == 403
        listed = viewer.get(f"/api/lokus?tahun={year}&jenis=stunting").json
        assert [r["kode_desa"] for r in listed] == codes
        assert listed[0]["alasan"] == "balita berisiko" and listed[0]["ditetapkan_oleh"] == "perencana"
    finally:
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute("DELETE FROM lokus_desa WHERE tahun = %s", (year,))


def test_tokens_store_only_the_hash_and_can_be_revoked(scratch_db):
    with psycopg.connect(scratch_db) as conn:
        result = create_token(conn, "Dinas Kesehatan", ["desa"], "admin")
        token = result["token"]
        stored = conn.execute("SELECT token_hash, koleksi FROM token_instansi WHERE id = %s", (result["id"],)).fetchone()
        assert stored[0] == token_hash(token) and token not in stored[0] and stored[1] == ["desa"]
        assert check_token(conn, token)["instansi"] == "Dinas Kesehatan"
        assert check_token(conn, token + "x") is None
        assert revoke_token(conn, result["id"]) and not revoke_token(conn, result["id"])
        assert check_token(conn, token) is None
        with pytest.raises(AreaError):
            create_token(conn, "  ", ["desa"], "admin")
