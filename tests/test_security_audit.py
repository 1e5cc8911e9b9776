"""Issue #8: every view of household personal data (names, NIK, addresses, exact points) and every
export is written to ``audit_log``: a static check over every route, and requests that must leave
a row (point tiles, household popup, village list, exports in each format, OGC reads and queries)."""
import ast
import inspect
import math
import re
import textwrap
from pathlib import Path

import psycopg
import pytest

from conftest import login

QUERIES_DIR = Path(__file__).resolve().parents[1] / "sql" / "queries"
SQL_NAME = re.compile(r"[\"']([a-z_]+/[a-z0-9_]+)[\"']")
PERSONAL = re.compile(r"\b(nik_kepala|nama_kepala|alamat|ST_AsMVTGeom\(ST_Transform\(rt\.geom)")


def _personal_sql(name: str) -> bool:
    path = QUERIES_DIR / f"{name}.sql"
    return path.exists() and bool(PERSONAL.search(path.read_text()))


def _services(function, depth: int = 2) -> list:
    """The ``spatial`` functions that ``function`` names (``maps.nearest_household``, ``call(x, ...)``),
    and theirs, ``depth`` levels down."""
    found = []
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError):
        return found
    scope = getattr(function, "__globals__", {})
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and inspect.ismodule(scope.get(node.value.id)):
            target = getattr(scope[node.value.id], node.attr, None)
        elif isinstance(node, ast.Name):
            target = scope.get(node.id)
        if inspect.isfunction(target) and target.__module__.startswith("spatial.") and target not in found:
            found.append(target)
            if depth > 1:
                found += [f for f in _services(target, depth - 1) if f not in found]
    return found


def _reads_personal_data(function) -> bool:
    sources = []
    for part in [function, *_services(function)]:
        try:
            sources.append(inspect.getsource(part))
        except (OSError, TypeError):
            continue
    return any(_personal_sql(name) for source in sources for name in SQL_NAME.findall(source))


def test_every_view_reading_personal_data_records_an_audit_row(app):
    """A view that runs (through the spatial services it calls) a query reading names, NIK, addresses
    or exact points must call ``record(``."""
    checked, missing = [], []
    for endpoint, view in app.view_functions.items():
        view = inspect.unwrap(view)
        if not _reads_personal_data(view):
            continue
        checked.append(endpoint)
        if "record(" not in inspect.getsource(view):
            missing.append(endpoint)
    assert {"map_api.nearest_household", "profil.village", "tiles.households"} <= set(checked)
    assert missing == []


def _audit_rows(url, since: int, action: str) -> list:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT pengguna, objek, objek_id, detail FROM audit_log WHERE id > %s AND aksi = %s "
                            "ORDER BY id", (since, action)).fetchall()


@pytest.fixture
def since(db_url):
    """Highest audit_log id before the test."""
    with psycopg.connect(db_url) as conn:
        return conn.execute("SELECT COALESCE(max(id), 0) FROM audit_log").fetchone()[0]


def _tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2 ** z
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return int((lon + 180) / 360 * n), int(y)


def test_point_tiles_are_audited_aggregate_tiles_are_not(app, db_url, since):
    with psycopg.connect(db_url) as conn:
        lon, lat = conn.execute("SELECT ST_X(geom), ST_Y(geom) FROM rumah_tangga WHERE geom IS NOT NULL AND aktif "
                                "AND kualitas_lokasi <> 'lokasi_perkiraan' ORDER BY id LIMIT 1").fetchone()
    perkim = login(app.test_client(), "perkim")
    x, y = _tile_of(lon, lat, 16)
    assert perkim.get(f"/tiles/rumah-tangga/16/{x}/{y}.pbf").data
    x12, y12 = _tile_of(lon, lat, 10)
    assert perkim.get(f"/tiles/rumah-tangga/10/{x12}/{y12}.pbf").status_code == 200
    login(app.test_client(), "viewer").get(f"/tiles/rumah-tangga/16/{x}/{y}.pbf")
    rows = _audit_rows(db_url, since, "lihat_titik")
    assert [(r[0], r[1], r[2]) for r in rows] == [("perkim", "rumah_tangga", f"16/{x}/{y}")]


def test_exports_in_every_format_and_ogc_reads_are_audited(app, db_url, since):
    viewer = login(app.test_client(), "viewer")
    for fmt in ("geojson", "csv", "gpkg"):
        assert viewer.get(f"/ekspor/fasilitas.{fmt}?kode_kec=18.04.04").status_code == 200
    exported = _audit_rows(db_url, since, "ekspor")
    assert [(r[0], r[2], r[3]["format"], r[3]["filter"]["kode_kec"]) for r in exported] == [
        ("viewer", "fasilitas", fmt, "18.04.04") for fmt in ("geojson", "csv", "gpkg")]
    assert viewer.get("/ogc/collections/desa/items?limit=2").status_code == 200
    assert viewer.get("/ogc/collections/desa/items/18.04.04.2002").status_code == 200
    square = {"type": "Polygon", "coordinates": [[[104.05, -5.05], [104.10, -5.05], [104.10, -5.00], [104.05, -5.00],
                                                   [104.05, -5.05]]]}
    assert viewer.post("/ogc/collections/fasilitas/query?hasil=statistik", json=square).status_code == 200
    reads = _audit_rows(db_url, since, "baca_ogc")
    assert [(r[0], r[2]) for r in reads] == [("viewer", "desa"), ("viewer", "desa")]
    assert reads[1][3]["fitur"] == "18.04.04.2002"
    assert [(r[0], r[2], r[3]["hasil"]) for r in _audit_rows(db_url, since, "kueri_ogc")] == [
        ("viewer", "fasilitas", "statistik")]


def test_household_popup_and_village_list_are_audited(app, db_url, since):
    with psycopg.connect(db_url) as conn:
        lon, lat, kode_desa, id_keluarga = conn.execute(
            "SELECT ST_X(geom), ST_Y(geom), kode_desa, id_keluarga FROM rumah_tangga WHERE geom IS NOT NULL "
            "AND aktif AND kualitas_lokasi <> 'lokasi_perkiraan' ORDER BY id LIMIT 1").fetchone()
    perkim = login(app.test_client(), "perkim")
    popup = perkim.get(f"/api/households/nearest?lat={lat}&lon={lon}&z=18").get_json()
    assert popup["found"] and popup["household"]["id_keluarga"] == id_keluarga
    assert perkim.get(f"/desa/{kode_desa}").status_code == 200
    assert [r[3]["id_keluarga"] for r in _audit_rows(db_url, since, "lihat")] == [id_keluarga]
    assert [(r[0], r[2]) for r in _audit_rows(db_url, since, "lihat_daftar")] == [("perkim", kode_desa)]
