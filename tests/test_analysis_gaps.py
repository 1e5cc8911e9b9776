"""Water/sanitation gaps equal a brute-force geopandas/shapely computation on the sample."""
import geopandas as gpd
import numpy as np
import psycopg
import pytest
from pyproj import Geod

from spatial import codelists
from spatial.analysis import run_analysis
from spatial.db import engine

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def gaps_run(db_url):
    return run_analysis("celah", url=db_url)


def brute_force_nearest(points: gpd.GeoSeries, facilities: gpd.GeoSeries) -> np.ndarray:
    """Distance in metres (WGS 84 ellipsoid) from every point to every facility; the minimum."""
    out = np.full(len(points), np.nan)
    if len(facilities) == 0:
        return out
    fx, fy = facilities.x.to_numpy(), facilities.y.to_numpy()
    for n, (x, y) in enumerate(zip(points.x.to_numpy(), points.y.to_numpy())):
        if np.isnan(x):
            continue
        _, _, dist = GEOD.inv(np.full(len(fx), x), np.full(len(fx), y), fx, fy)
        out[n] = dist.min()
    return out


def test_gap_counts_equal_brute_force(db_url, gaps_run):
    households = gpd.read_postgis(
        "SELECT id, kode_desa, geom, sumber_air_minum, fasilitas_bab, jenis_kloset, pembuangan_tinja "
        "FROM rumah_tangga WHERE aktif ORDER BY kode_prov, id", engine(db_url), geom_col="geom")
    facilities = gpd.read_postgis("SELECT jenis, berfungsi, geom FROM fasilitas", engine(db_url), geom_col="geom")
    points = households.geometry
    xs = gpd.GeoSeries([p if p is not None else None for p in points], crs=4326)
    air_types = [k for k, v in codelists.FACILITY_TYPES.items() if v == "air"]
    san_types = [k for k, v in codelists.FACILITY_TYPES.items() if v == "sanitasi"]
    water = facilities[facilities.berfungsi & facilities.jenis.isin(air_types)].geometry
    sanit = facilities[facilities.berfungsi & facilities.jenis.isin(san_types)].geometry
    located = xs.notna() & ~xs.is_empty
    pts = gpd.GeoSeries([p if ok else None for p, ok in zip(xs, located)], crs=4326)
    px = np.array([p.x if p is not None else np.nan for p in pts])
    py = np.array([p.y if p is not None else np.nan for p in pts])
    d_air = brute_force_nearest(gpd.GeoSeries(gpd.points_from_xy(px, py), crs=4326), water)
    d_san = brute_force_nearest(gpd.GeoSeries(gpd.points_from_xy(px, py), crs=4326), sanit)
    home_air = households.sumber_air_minum.isin(codelists.AIR_MINUM_LAYAK).to_numpy()
    home_san = (households.fasilitas_bab.isin(codelists.FASILITAS_BAB_LAYAK)
                & households.jenis_kloset.isin(codelists.JENIS_KLOSET_LAYAK)
                & households.pembuangan_tinja.isin(codelists.PEMBUANGAN_TINJA_LAYAK)).to_numpy()
    p = gaps_run.parameter
    unserved_air = ~(home_air | (np.nan_to_num(d_air, nan=np.inf) <= p["radius_air_m"]))
    unserved_san = ~(home_san | (np.nan_to_num(d_san, nan=np.inf) <= p["radius_sanitasi_m"]))

    with psycopg.connect(db_url) as conn:
        stored = conn.execute("""SELECT rumah_tangga_id, jarak_air_m, jarak_sanitasi_m, terlayani_air, terlayani_sanitasi
                                 FROM analisis_akses WHERE run_id = %s ORDER BY kode_prov, rumah_tangga_id""",
                              (gaps_run.run_id,)).fetchall()
        villages = dict(conn.execute("SELECT kode_desa, tak_terlayani_air FROM analisis_celah_desa WHERE run_id = %s",
                                     (gaps_run.run_id,)).fetchall())
    assert [r[0] for r in stored] == households.id.tolist()
    assert sum(not r[3] for r in stored) == int(unserved_air.sum()) > 0
    assert sum(not r[4] for r in stored) == int(unserved_san.sum()) > 0
    sql_air = np.array([np.nan if r[1] is None else r[1] for r in stored])
    assert np.allclose(sql_air, d_air, atol=0.01, equal_nan=True)  # KNN distances right in metres
    per_village = households.assign(u=unserved_air).groupby("kode_desa").u.sum()
    assert {k: int(v) for k, v in per_village.items()} == villages


def test_unserved_clusters_and_ranking(db_url, gaps_run, ground_truth):
    with psycopg.connect(db_url) as conn:
        ranks = conn.execute("SELECT peringkat, skor_celah FROM analisis_celah_desa WHERE run_id = %s ORDER BY peringkat",
                             (gaps_run.run_id,)).fetchall()
        clusters = conn.execute("SELECT layanan, count(*) FROM analisis_celah_klaster WHERE run_id = %s GROUP BY 1",
                                (gaps_run.run_id,)).fetchall()
    assert [r[0] for r in ranks] == list(range(1, len(ranks) + 1))
    scores = [float(r[1]) for r in ranks]
    assert scores == sorted(scores, reverse=True)
    assert dict(clusters).get("air", 0) + dict(clusters).get("sanitasi", 0) > 0


def test_planted_service_gaps_found(db_url, gaps_run, ground_truth):
    planted = ground_truth["service_gaps"]
    assert planted
    with psycopg.connect(db_url) as conn:
        found = [conn.execute("""SELECT EXISTS (SELECT 1 FROM analisis_celah_klaster WHERE run_id = %s AND layanan = %s
                                 AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s))""",
                              (gaps_run.run_id, g["kind"], g["lon"], g["lat"], g["radius_m"])).fetchone()[0]
                 for g in planted]
    assert sum(found) / len(planted) >= 0.8, found


def test_per_household_results_go_with_their_run(scratch_db):
    # skor_rtlh and analisis_akses have no per-row foreign key (migration 0108): a trigger deletes them
    with psycopg.connect(scratch_db) as conn:
        run, other = (conn.execute("INSERT INTO analisis_run (jenis, parameter) VALUES ('celah', '{}') RETURNING id")
                      .fetchone()[0] for _ in range(2))
        for run_id, household in ((run, 1), (other, 2)):
            conn.execute("INSERT INTO analisis_akses (run_id, kode_prov, rumah_tangga_id, terlayani_air, terlayani_sanitasi) "
                         "VALUES (%s, '18', %s, true, true)", (run_id, household))
            conn.execute("INSERT INTO skor_rtlh (kode_prov, rumah_tangga_id, run_id, skor, komponen, rtlh, memenuhi_syarat) "
                         "VALUES ('18', %s, %s, 1, '{}', false, false)", (household, run_id))
        conn.execute("DELETE FROM analisis_run WHERE id = %s", (run,))
        left = conn.execute("SELECT (SELECT array_agg(run_id) FROM analisis_akses), (SELECT array_agg(run_id) FROM skor_rtlh)"
                            ).fetchone()
    assert left == ([other], [other])
