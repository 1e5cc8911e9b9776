"""Issue #18 at a kabupaten border: pockets use the poor households across the border as context
(documented in README), and re-running after an import touches only the kabupaten whose data
(or whose border context) changed."""
import psycopg
import pytest

from conftest import TEST_URL, _admin, _name, _with_name, recreate_database
from multi_kabupaten import KAB_A, KAB_SPLIT, write_households, write_split_boundaries
from spatial.analysis import ORDER, run_after_import, run_all
from spatial.boundaries import load_boundaries
from spatial.migrate import migrate
from spatial.importer.registry import import_households

# A pair of villages across the border, a point on their border, and a village of each kabupaten
# far (over 5 km) from the other kabupaten.
PLACES = """
WITH pair AS (
    SELECT a.kode_desa AS a, b.kode_desa AS b,
           ST_PointOnSurface(ST_Intersection(a.geom, ST_Buffer(b.geom, 0.0005))) AS p
    FROM desa a JOIN desa b ON a.kode_kab = %(a)s AND b.kode_kab = %(b)s AND ST_Intersects(a.geom, ST_Buffer(b.geom, 0.0005))
    ORDER BY ST_Area(ST_Intersection(a.geom, ST_Buffer(b.geom, 0.0005))) DESC LIMIT 1
)
SELECT pair.a, pair.b, ST_X(pair.p), ST_Y(pair.p),
       (SELECT d.kode_desa FROM desa d WHERE d.kode_kab = %(a)s AND NOT EXISTS (SELECT 1 FROM desa o
         WHERE o.kode_kab = %(b)s AND ST_DWithin(o.geom::geography, d.geom::geography, 5000)) ORDER BY d.kode_desa LIMIT 1),
       (SELECT d.kode_desa FROM desa d WHERE d.kode_kab = %(b)s AND NOT EXISTS (SELECT 1 FROM desa o
         WHERE o.kode_kab = %(a)s AND ST_DWithin(o.geom::geography, d.geom::geography, 5000)) ORDER BY d.kode_desa LIMIT 1)
FROM pair
"""
# n points inside village ``kode`` within ``radius`` metres of (lon, lat), reproducible.
POINTS = """
SELECT ST_X(g.geom), ST_Y(g.geom) FROM desa d,
LATERAL ST_Dump(ST_GeneratePoints(ST_Intersection(d.geom,
    ST_Buffer(ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s)::geometry), %s, %s)) g
WHERE d.kode_desa = %s
"""


def households(conn, kode, n, near=None, radius=80, seed=1, desil=1, start=0):
    """Rows for write_households: ``n`` households of village ``kode`` (near a point, or anywhere in it)."""
    if near is None:
        near = conn.execute("SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) FROM desa "
                            "WHERE kode_desa = %s", (kode,)).fetchone()
    points = conn.execute(POINTS, (near[0], near[1], radius, n, seed, kode)).fetchall()
    assert len(points) == n
    digits = kode.replace(".", "")
    return [{"id_keluarga": f"KK{digits}-{start + i:04d}", "nik_kepala": f"{digits[:6]}0101{digits[6:8]}{start + i:04d}",
             "kode_desa": kode, "longitude": f"{x:.7f}", "latitude": f"{y:.7f}", "desil": str(desil)}
            for i, (x, y) in enumerate(points)]


@pytest.fixture(scope="module")
def border(template_db_url, sample_dir, tmp_path_factory):
    """A database with Lampung Barat split into two adjacent kabupaten, 6 poor households on each
    side of their border (12 within 250 m: one pocket only with both sides), and a few ordinary
    households far from the border in each."""
    folder = tmp_path_factory.mktemp("batas")
    url = recreate_database(_with_name(TEST_URL, f"{_name(TEST_URL)}_kab_batas"))
    migrate(url)
    load_boundaries(str(write_split_boundaries(folder)), url=url, source="batas_terbelah.geojson")
    with psycopg.connect(url) as conn:
        a, b, x, y, far_a, far_b = conn.execute(PLACES, {"a": KAB_A, "b": KAB_SPLIT}).fetchone()
        rows = (households(conn, a, 6, (x, y), 80, seed=1) + households(conn, b, 6, (x, y), 120, seed=2)
                + households(conn, far_a, 15, seed=3, desil=8) + households(conn, far_b, 15, seed=4, desil=8))
    path = write_households(folder / "rt.csv", sample_dir / "households.csv", rows)
    result = import_households(path, url=url)
    assert result.inserted == len(rows) and not result.rejected, result.counts()
    run_all(url=url, oleh="uji")
    run_all(("kantong",), url=url, oleh="uji", parameters={"kantong": {"metode": "dbscan"}})
    yield {"url": url, "rows": rows, "folder": folder, "sample": sample_dir / "households.csv",
           "far": {KAB_A: far_a, KAB_SPLIT: far_b}, "border": {KAB_A: a, KAB_SPLIT: b}}
    _admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", _name(url))


def test_dbscan_pocket_across_the_border_found_on_both_sides(border):
    with psycopg.connect(border["url"]) as conn:
        pockets = conn.execute("""SELECT r.kode_wilayah, k.rumah_tangga, k.rumah_tangga_miskin, k.anggota_kab_lain,
                                         k.desa, ST_Within(ST_PointOnSurface(k.geom), kb.geom)
                                  FROM analisis_kantong k JOIN analisis_run r ON r.id = k.run_id
                                  JOIN kabupaten kb ON kb.kode_kab = r.kode_wilayah
                                  WHERE k.run_id IN (SELECT analisis_run_terkini('kantong'))
                                  ORDER BY 1""").fetchall()
    # Each side alone has 6 poor households (fewer than min_titik = 10 neighbours): only the border
    # context makes them a pocket, and each kabupaten's pocket holds its own households only.
    assert [p[:4] for p in pockets] == [(KAB_A, 6, 6, 6), (KAB_SPLIT, 6, 6, 6)]
    assert [p[4] for p in pockets] == [[border["border"][KAB_A]], [border["border"][KAB_SPLIT]]]
    assert all(p[5] for p in pockets)


def _latest_runs(url):
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT kode_wilayah, max(id) FROM analisis_run GROUP BY 1").fetchall())


def _reimport(border, name, change):
    border["rows"] = [dict(r, **change(r)) for r in border["rows"]]
    path = write_households(border["folder"] / name, border["sample"], border["rows"])
    result = import_households(path, url=border["url"])
    assert result.updated >= 1, result.counts()
    return run_after_import(border["url"], oleh="uji")


def test_rerun_after_import_only_where_data_changed(border):
    url = border["url"]
    assert run_after_import(url) == []                       # nothing changed since the runs
    before = _latest_runs(url)
    far_a = border["far"][KAB_A]
    results = _reimport(border, "rt_jauh.csv", lambda r: {"desil": "7"} if r["kode_desa"] == far_a else {})
    assert {r.kode_kab for r in results} == {KAB_A} and len(results) == len(ORDER)
    assert all(r.status == "selesai" for r in results)
    after = _latest_runs(url)
    assert after[KAB_SPLIT] == before[KAB_SPLIT] and after[KAB_A] > before[KAB_A]
    # Households of 18.97 at the border are context of 18.04's pockets: both kabupaten run again.
    near_b = border["border"][KAB_SPLIT]
    results = _reimport(border, "rt_batas.csv", lambda r: {"desil": "3"} if r["kode_desa"] == near_b else {})
    assert {r.kode_kab for r in results} == {KAB_A, KAB_SPLIT}
