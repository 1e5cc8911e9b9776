"""Shared data keeps its numbers (#20): every collection of the OGC API read with GDAL's OAPIF driver
(as an agency's ``ogr2ogr`` would) into a GeoPackage and into a Shapefile, and every GeoJSON export read
by GDAL (QGIS's reader) the same way, holds exactly the numbers of the database: no 32-bit overflow,
no truncation, no warning. The data is the test sample with values the code was not designed around:
a village whose RTLH budget is over 2^32 rupiah, a priority area, lokus villages and a programme, so that
no collection is empty."""
import json
import re
import subprocess
import threading

import psycopg
import pytest
import pyogrio

from conftest import SEED, TEST_SAMPLE_HOUSEHOLDS, make_app
from selection_helpers import new_program
from spatial.areas.layers import BOOLEAN, DECIMAL, INTEGER, LAYERS, TEXT, filter_params, query
from spatial.areas.lokus import save_lokus
from spatial.areas.store import create_area
from spatial.areas.tokens import create_token
from spatial.sample import load_sample
from spatial.selection.actions import add_households

BIG_COST = 7_500_000_000  # rupiah per house: the village backlog passes 2^32
SQUARE = {"type": "Polygon", "coordinates": [[[104.05, -5.05], [104.10, -5.05], [104.10, -5.00], [104.05, -5.00],
                                             [104.05, -5.05]]]}
OGC_LAYERS = sorted(name for name, layer in LAYERS.items() if layer.ogc)
ALLOWED_WARNINGS = ("Normalized/laundered field name",)  # Shapefile names have at most 10 characters


@pytest.fixture(scope="module")
def feed(module_scratch_db):
    """A live server on the sample with planted large values and an agency token for every collection."""
    from werkzeug.serving import make_server

    url = module_scratch_db
    load_sample(TEST_SAMPLE_HOUSEHOLDS, SEED, url=url, echo=lambda *_: None)
    with psycopg.connect(url) as conn:
        # the last village in feature order: far past the first page a client reads to guess types
        big_village = conn.execute("SELECT max(kode_desa) FROM skor_rtlh WHERE rtlh AND memenuhi_syarat").fetchone()[0]
        conn.execute("UPDATE skor_rtlh SET biaya = %s WHERE kode_desa = %s AND rtlh AND memenuhi_syarat",
                     (BIG_COST, big_village))
        create_area(conn, {"nama": "Zona sanitasi uji", "jenis": "zona_sanitasi", "tahun": 2027,
                           "catatan": "angka besar"}, SQUARE, "uji")
        save_lokus(conn, 2027, "stunting", [{"kode_desa": big_village, "alasan": "uji"}], "uji")
        pairs = [list(row) for row in conn.execute(
            "SELECT s.kode_prov, s.rumah_tangga_id FROM skor_rtlh s "
            "WHERE s.memenuhi_syarat ORDER BY s.rumah_tangga_id LIMIT 3")]
        token = create_token(conn, "Bappeda Provinsi", OGC_LAYERS, "uji")["token"]
        biggest = conn.execute("SELECT max(biaya_rtlh) FROM indikator_desa").fetchone()[0]
    assert biggest > 2 ** 32, "the planted budget must not fit in 32 bits"
    add_households(psycopg.connect(url, autocommit=True), new_program(url, "BSPS uji angka", units=10), pairs, "uji")
    server = make_server("127.0.0.1", 0, make_app(url), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": url, "base": f"http://127.0.0.1:{server.server_port}", "token": token, "village": big_village}
    server.shutdown()


def _database_features(url: str, layer) -> dict:
    """fid -> properties of every feature of the layer, as the database has them."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(query(layer, "src.fid::text, src.props::text"), filter_params()).fetchall()
    return {fid: json.loads(props) for fid, props in rows}


def _numbers(props: dict) -> dict:
    return {k: v for k, v in props.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def _ogr2ogr(args: list) -> tuple[list, dict]:
    """Run ogr2ogr; returns its warnings other than the allowed ones, and the field names it laundered."""
    run = subprocess.run(["ogr2ogr", *args], capture_output=True, text=True, timeout=300,
                         env={"PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    renamed = dict(re.findall(r"Normalized/laundered field name: '([^']+)' to '([^']+)'", run.stderr))
    return [line for line in lines if not any(allowed in line for allowed in ALLOWED_WARNINGS)], renamed


def _compare(path: str, layer_name: str, expected: dict, renamed: dict | None = None, int64: bool = True,
             id_field: str = "id"):
    """Every numeric property of every feature read back by OGR equals the database's value, and
    (``int64``: the collection's schema was read) every integer property is a 64-bit field."""
    renamed = renamed or {}
    layer = layer_name if len(pyogrio.list_layers(path)) > 1 else None
    dtypes = dict(zip(*(pyogrio.read_info(path, layer=layer)[k] for k in ("fields", "dtypes"))))
    frame = pyogrio.read_dataframe(path, layer=layer, read_geometry=False, fid_as_index=True)
    assert len(frame) == len(expected), f"{layer_name}: {len(frame)} features read, {len(expected)} in the database"
    for index, row in zip(frame.index, frame.to_dict("records")):
        fid = str(row.get(id_field, index))  # an integer "id" becomes the GeoPackage's own fid
        assert fid in expected, f"{layer_name}: unknown feature {fid}"
        for key, value in _numbers(expected[fid]).items():
            column = renamed.get(key, key)
            if int64 and isinstance(value, int):
                assert dtypes[column] == "int64", f"{layer_name}.{key} is {dtypes[column]}, not a 64-bit integer"
            assert row[column] == value, f"{layer_name}/{fid}.{key}: {row[column]!r} != {value!r}"


def test_the_planted_values_are_in_the_collections(feed):
    desa = _database_features(feed["url"], LAYERS["desa"])
    assert desa[feed["village"]]["biaya_rtlh"] > 2 ** 32
    empty = [name for name in OGC_LAYERS if not _database_features(feed["url"], LAYERS[name])]
    assert not empty, f"collections without features would test nothing: {empty}"


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_every_property_is_declared_with_its_type(feed, name):
    """The declared types (the published schemas) match what every feature of the layer holds."""
    layer = LAYERS[name]
    with psycopg.connect(feed["url"]) as conn:
        rows = conn.execute(query(layer, "src.props::text"), filter_params(pribadi=True)).fetchall()
    checks = {TEXT: lambda v: isinstance(v, str), BOOLEAN: lambda v: isinstance(v, bool),
              INTEGER: lambda v: isinstance(v, int) and not isinstance(v, bool),
              DECIMAL: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and round(v, 6) == v}
    for (text,) in rows:
        for key, value in json.loads(text).items():
            assert key in layer.fields, f"{name}.{key} is published but not declared in spatial/areas/layers.py"
            assert value is None or checks[layer.fields[key]](value), f"{name}.{key} = {value!r} is not {layer.fields[key]}"


def test_schemas_declare_every_integer_64_bit(feed):
    client = make_app(feed["url"]).test_client()
    headers = {"Authorization": f"Bearer {feed['token']}"}
    for name in OGC_LAYERS:
        doc = client.get(f"/ogc/collections/{name}", headers=headers).get_json()
        links = {link["rel"]: link for link in doc["links"]}
        schema = client.get(links["http://www.opengis.net/def/rel/ogc/1.0/schema"]["href"], headers=headers)
        assert schema.mimetype == "application/schema+json"
        properties = schema.get_json()["properties"]
        assert properties["geometry"]["x-ogc-role"] == "primary-geometry"
        for key, kind in LAYERS[name].fields.items():
            if kind == INTEGER:
                assert properties[key]["format"] == "int64", (name, key)
        xsd = client.get(links["describedBy"]["href"], headers=headers)
        assert xsd.mimetype == "application/xml"
        longs = set(re.findall(r'name="([a-z0-9_]+)" type="xs:long"', xsd.get_data(as_text=True)))
        assert longs == {k for k, kind in LAYERS[name].fields.items() if kind == INTEGER}, name
        queryables = client.get(links["http://www.opengis.net/def/rel/ogc/1.0/queryables"]["href"], headers=headers)
        assert set(queryables.get_json()["properties"]) == set(LAYERS[name].properties)


@pytest.mark.slow
def test_every_collection_read_by_gdal_into_a_geopackage_keeps_every_number(feed, tmp_path):
    """All collections in one ``ogr2ogr`` with GDAL's default page size, as the agency ran it."""
    target = str(tmp_path / "ogc.gpkg")
    warnings, _renamed = _ogr2ogr(["-f", "GPKG", target, f"OAPIF:{feed['base']}/ogc?token={feed['token']}",
                                   *OGC_LAYERS])
    assert not warnings, warnings
    for name in OGC_LAYERS:
        _compare(target, name, _database_features(feed["url"], LAYERS[name]))


@pytest.mark.slow
def test_every_collection_read_by_gdal_into_a_shapefile_keeps_every_number(feed, tmp_path):
    for name in OGC_LAYERS:
        target = str(tmp_path / f"{name}.shp")
        warnings, renamed = _ogr2ogr(["-f", "ESRI Shapefile", target, "-oo", "PAGE_SIZE=1000",
                                      f"OAPIF:{feed['base']}/ogc?token={feed['token']}", name])
        assert not warnings, (name, warnings)
        _compare(target, name, _database_features(feed["url"], LAYERS[name]), renamed)


@pytest.mark.slow
@pytest.mark.parametrize("driver,suffix", [("GPKG", "gpkg"), ("ESRI Shapefile", "shp")])
def test_every_geojson_export_read_by_gdal_keeps_every_number(feed, tmp_path, driver, suffix):
    headers = {"Authorization": f"Bearer {feed['token']}"}
    app = make_app(feed["url"])
    client = app.test_client()
    for name in OGC_LAYERS:
        response = client.get(f"/ekspor/{name}.geojson", headers=headers)
        assert response.status_code == 200, name
        source = tmp_path / f"{name}.geojson"
        source.write_bytes(response.data)
        target = tmp_path / f"{name}.{suffix}"
        warnings, renamed = _ogr2ogr(["-f", driver, str(target), str(source), "-nln", name])
        assert not warnings, (name, warnings)
        # GeoJSON carries no schema: GDAL picks 64-bit fields only where a value needs one
        _compare(str(target), name, _database_features(feed["url"], LAYERS[name]), renamed, int64=False)


def test_every_geopackage_export_keeps_every_number_in_64_bit_fields(feed, tmp_path):
    client = make_app(feed["url"]).test_client()
    for name in OGC_LAYERS:
        response = client.get(f"/ekspor/{name}.gpkg", headers={"Authorization": f"Bearer {feed['token']}"})
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.gpkg"
        path.write_bytes(response.data)
        _compare(str(path), name, _database_features(feed["url"], LAYERS[name]), id_field="fid_sasaran")
