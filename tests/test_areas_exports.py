"""Exports (#7): every layer as RFC 7946 GeoJSON (schema-valid, no crs, read back by pyogrio, counts
equal to the database), filters, CSV and GeoPackage, households for agencies k-anonymous and
without NIK/name, personal columns only for an admin asking, every export in audit_log."""
import json
from pathlib import Path

import jsonschema
import psycopg
import pyogrio
import pytest

from conftest import login
from spatial.anonymity import K as K_ANONYMITY
from spatial.areas.layers import LAYERS
from spatial.areas.tokens import create_token

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "geojson_rfc7946.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
EXPECTED_COUNTS = {
    "desa": "SELECT count(*) FROM desa",
    "kecamatan": "SELECT count(*) FROM kecamatan WHERE geom IS NOT NULL",
    "fasilitas": "SELECT count(*) FROM fasilitas",
    "kawasan": "SELECT count(*) FROM kawasan_prioritas WHERE dihapus_pada IS NULL",
    "lokus": "SELECT count(*) FROM lokus_desa",
    "rumah_tangga_desa": "SELECT count(DISTINCT kode_desa) FROM rumah_tangga WHERE aktif AND kode_desa IS NOT NULL",
    "rumah_tangga": "SELECT count(*) FROM rumah_tangga WHERE aktif AND geom IS NOT NULL",
    "kantong": "SELECT count(*) FROM analisis_kantong WHERE run_id = (SELECT max(id) FROM analisis_run "
               "WHERE jenis = 'kantong' AND status = 'selesai')",
    "lokasi": "SELECT count(*) FROM analisis_lokasi WHERE run_id = (SELECT max(id) FROM analisis_run "
              "WHERE jenis = 'lokasi' AND status = 'selesai')",
}


def _count(db_url, statement):
    with psycopg.connect(db_url) as conn:
        return conn.execute(statement).fetchone()[0]


def _read_back(data: bytes, tmp_path, suffix="geojson"):
    path = tmp_path / f"ekspor.{suffix}"
    path.write_bytes(data)
    return pyogrio.read_dataframe(path)


@pytest.fixture(scope="module")
def admin(app):
    return login(app.test_client(), "admin")


@pytest.mark.parametrize("name", [n for n in LAYERS])
def test_every_layer_exports_valid_geojson_that_reads_back(admin, db_url, tmp_path, name):
    response = admin.get(f"/ekspor/{name}.geojson")
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/geo+json" and response.is_streamed
    disposition = response.headers["Content-Disposition"]
    assert f"sasaran_{name}_" in disposition and disposition.endswith('.geojson"')
    document = json.loads(response.data)
    errors = sorted(VALIDATOR.iter_errors(document), key=lambda e: e.path)
    assert not errors, errors[0].message
    assert "crs" not in document
    if name in EXPECTED_COUNTS:
        assert len(document["features"]) == _count(db_url, EXPECTED_COUNTS[name])
    if document["features"]:
        frame = _read_back(response.data, tmp_path)
        assert len(frame) == len(document["features"])
        assert frame.crs.to_epsg() == 4326


def test_filters_by_kecamatan_village_and_bbox(admin, db_url):
    kec = admin.get("/ekspor/desa.geojson?kode_kec=18.04.04").get_json(force=True)
    assert len(kec["features"]) == _count(db_url, "SELECT count(*) FROM desa WHERE kode_kec = '18.04.04'")
    village = admin.get("/ekspor/fasilitas.geojson?kode_desa=18.04.04.2002").get_json(force=True)
    assert len(village["features"]) == _count(db_url, "SELECT count(*) FROM fasilitas WHERE kode_desa = '18.04.04.2002'")
    bbox = "104.05,-5.05,104.10,-5.00"
    boxed = admin.get(f"/ekspor/fasilitas.geojson?bbox={bbox}").get_json(force=True)
    assert len(boxed["features"]) == _count(db_url, "SELECT count(*) FROM fasilitas WHERE ST_Intersects(geom, "
                                                    "ST_MakeEnvelope(104.05, -5.05, 104.10, -5.00, 4326))") > 0
    assert admin.get("/ekspor/desa.geojson?kode_kec=abc").status_code == 400
    assert admin.get("/ekspor/desa.geojson?bbox=1,2,3").status_code == 400


def test_agency_household_export_is_k_anonymous_without_personal_data(app, db_url):
    with psycopg.connect(db_url) as conn:
        token = create_token(conn, "BPS Kabupaten", ["rumah_tangga_desa", "rumah_tangga_grid"], "admin")["token"]
    agency = app.test_client()
    for name in ("rumah_tangga_desa", "rumah_tangga_grid"):
        response = agency.get(f"/ekspor/{name}.geojson", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200
        text = response.data.decode()
        assert "nik" not in text.lower() and "nama_kepala" not in text
        features = json.loads(text)["features"]
        assert features
        for feature in features:
            props = feature["properties"]
            assert props["k"] == K_ANONYMITY
            total = props["jumlah"]
            for key in ("desil12", "desil1", "tanpa_air_layak", "tanpa_sanitasi_layak", "dengan_balita"):
                value = props.get(key)
                if value is None:
                    assert key in props["ditekan"].split(",")
                else:
                    covered = props.get(f"{key}_dari", total)
                    assert value >= K_ANONYMITY and covered - value >= K_ANONYMITY, (name, props)
            if name == "rumah_tangga_grid":
                assert total >= K_ANONYMITY
    grid = agency.get("/ekspor/rumah_tangga_grid.geojson", headers={"Authorization": f"Bearer {token}"}).get_json(force=True)
    assert sum(f["properties"]["jumlah"] for f in grid["features"]) <= _count(
        db_url, "SELECT count(*) FROM rumah_tangga WHERE aktif AND geom IS NOT NULL")
    assert agency.get("/ekspor/rumah_tangga.geojson", headers={"Authorization": f"Bearer {token}"}).status_code == 403
    assert agency.get("/ekspor/desa.geojson", headers={"Authorization": f"Bearer {token}"}).status_code == 403
    assert agency.get("/ekspor/rumah_tangga_desa.geojson?k=2", headers={"Authorization": f"Bearer {token}"}).status_code == 400
    assert agency.get("/ekspor/rumah_tangga_desa.geojson").status_code == 401


def test_full_household_export_personal_data_only_for_admin_asking(app, db_url):
    viewer = login(app.test_client(), "viewer")
    assert viewer.get("/ekspor/rumah_tangga.geojson").status_code == 403
    perkim = login(app.test_client(), "perkim")
    plain = perkim.get("/ekspor/rumah_tangga.geojson?kode_desa=18.04.04.2002").get_json(force=True)
    assert plain["features"] and "nik_kepala" not in plain["features"][0]["properties"]
    assert perkim.get("/ekspor/rumah_tangga.geojson?pribadi=1").status_code == 403
    admin = login(app.test_client(), "admin")
    full = admin.get("/ekspor/rumah_tangga.geojson?kode_desa=18.04.04.2002&pribadi=1").get_json(force=True)
    props = full["features"][0]["properties"]
    assert len(props["nik_kepala"]) == 16 and props["nama_kepala"]
    with psycopg.connect(db_url) as conn:
        detail = conn.execute("SELECT pengguna, detail FROM audit_log WHERE aksi = 'ekspor' AND objek_id = 'rumah_tangga' "
                              "ORDER BY id DESC LIMIT 1").fetchone()
    assert detail[0] == "admin" and detail[1]["pribadi"] is True and detail[1]["filter"]["kode_desa"] == "18.04.04.2002"


def test_csv_and_geopackage_downloads(admin, db_url, tmp_path):
    response = admin.get("/ekspor/fasilitas.csv?kode_kec=18.04.04")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    lines = response.data.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("fid,") and lines[0].endswith(",x,y")
    expected = _count(db_url, "SELECT count(*) FROM fasilitas WHERE kode_desa LIKE '18.04.04.%'")
    assert len(lines) - 1 == expected
    gpkg = admin.get("/ekspor/desa.gpkg")
    assert gpkg.status_code == 200 and gpkg.data[68:72] == b"GPKG"  # GeoPackage application_id
    frame = _read_back(gpkg.data, tmp_path, "gpkg")
    assert len(frame) == _count(db_url, "SELECT count(*) FROM desa") and "rumah_tangga" in frame.columns


def test_every_export_is_audited(admin, db_url):
    with psycopg.connect(db_url) as conn:
        before = conn.execute("SELECT count(*) FROM audit_log WHERE aksi = 'ekspor'").fetchone()[0]
    assert admin.get("/ekspor/kecamatan.geojson").data
    assert admin.get("/ekspor/kecamatan.csv").data
    with psycopg.connect(db_url) as conn:
        rows = conn.execute("SELECT objek_id, detail->>'format' FROM audit_log WHERE aksi = 'ekspor' ORDER BY id DESC "
                            "LIMIT 2").fetchall()
        after = conn.execute("SELECT count(*) FROM audit_log WHERE aksi = 'ekspor'").fetchone()[0]
    assert after == before + 2 and sorted(rows) == [("kecamatan", "csv"), ("kecamatan", "geojson")]


def test_export_page_lists_layers_by_role(app):
    viewer = login(app.test_client(), "viewer")
    page = viewer.get("/ekspor").data.decode()
    assert 'data-layer="rumah_tangga_desa"' in page and 'data-layer="rumah_tangga"' not in page
    admin = login(app.test_client(), "admin")
    page = admin.get("/ekspor").data.decode()
    assert 'data-layer="rumah_tangga"' in page and 'name="pribadi"' in page


def test_region_scoped_user_exports_only_the_region(app, db_url):
    from spatial.users import create_account

    create_account("ekspor_kec", "Kopi-Liwa-7-Gunung", "viewer", name="Viewer Balik Bukit",
                   kode_wilayah="18.04.04", url=db_url)
    client = app.test_client()
    assert client.post("/login", data={"username": "ekspor_kec", "password": "Kopi-Liwa-7-Gunung"}).status_code == 302
    villages = client.get("/ekspor/desa.geojson").get_json(force=True)["features"]
    assert {f["properties"]["kode_kec"] for f in villages} == {"18.04.04"}
    assert len(villages) == _count(db_url, "SELECT count(*) FROM desa WHERE kode_kec = '18.04.04'")
    items = client.get("/ogc/collections/fasilitas/items?limit=10000").get_json(force=True)
    assert items["numberMatched"] == _count(db_url, "SELECT count(*) FROM fasilitas WHERE kode_desa LIKE '18.04.04.%'")
    assert client.get("/ogc/collections/desa/items/18.04.21.2006").status_code == 404


def test_geojson_export_keeps_backslashes_quotes_and_newlines(admin, db_url):
    name = 'Zona "Way\\Tebu" \u00e9'
    note = "baris 1\nbaris 2\ttab \\n bukan baris"
    with psycopg.connect(db_url) as conn:
        area_id = conn.execute(
            "INSERT INTO kawasan_prioritas (nama, catatan, geom, dibuat_oleh) VALUES (%s, %s, "
            "ST_Multi(ST_MakeEnvelope(104.05, -5.05, 104.06, -5.04, 4326)), 'uji') RETURNING id", (name, note)).fetchone()[0]
    try:
        features = admin.get("/ekspor/kawasan.geojson").get_json(force=True)["features"]
        props = next(f["properties"] for f in features if f["id"] == str(area_id))
        assert props["nama"] == name and props["catatan"] == note
    finally:
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute("DELETE FROM kawasan_prioritas WHERE id = %s", (area_id,))
