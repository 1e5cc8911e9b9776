"""Poverty pockets through PostGIS on a small fixed case made for these tests (not the sample
generator): a planted pocket found by the scan with its statistics stored, and a DBSCAN pocket
whose share is measured on its own households, not on the buffer drawn around them."""
import math

import numpy as np
import psycopg
import pytest

from spatial.analysis import run_analysis
from spatial.importer.registry import import_households

HEADER = ("id_keluarga,nik_kepala,nama_kepala,kode_desa,alamat,latitude,longitude,desil,jumlah_anggota,"
          "jumlah_balita,ada_lansia,ada_disabilitas,kepala_perempuan,luas_lantai_m2,jenis_atap,jenis_dinding,"
          "jenis_lantai,fasilitas_bab,jenis_kloset,pembuangan_tinja,sumber_air_minum,sumber_penerangan,"
          "status_rumah,tahun_bantuan_rumah")
TAIL = "3,0,0,0,0,40,genteng,tembok,keramik,sendiri,leher angsa,tangki septik,ledeng,listrik pln meteran,milik sendiri,"
SCAN_POCKET = (1500.0, 1500.0)     # metres from the south-west corner of the test area
DBSCAN_POCKET = (-1500.0, -1500.0)


def _households(rng):
    """(x, y, poor, group) in metres: 1,400 background households at 20 % poor over 5 x 5 km; a
    scan pocket of 22 households (20 poor) within 60 m; a dense DBSCAN pocket of 40 poor + 6
    others within 40 m, ringed by 30 non-poor households 45-70 m from its centre."""
    rows = [(x, y, rng.random() < 0.2, "latar") for x, y in rng.uniform(-2500, 2500, size=(1400, 2))]
    for i in range(22):
        r, a = 60 * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
        rows.append((SCAN_POCKET[0] + r * math.cos(a), SCAN_POCKET[1] + r * math.sin(a), i < 20, "scan"))
    for i in range(46):
        r, a = 40 * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
        rows.append((DBSCAN_POCKET[0] + r * math.cos(a), DBSCAN_POCKET[1] + r * math.sin(a), i < 40, "dbscan"))
    for i in range(30):
        r, a = rng.uniform(45, 70), 2 * math.pi * i / 30
        rows.append((DBSCAN_POCKET[0] + r * math.cos(a), DBSCAN_POCKET[1] + r * math.sin(a), False, "cincin"))
    # keep the background away from the pockets so each pocket is what was planted
    return [r for r in rows if r[3] != "latar" or min(math.dist(r[:2], SCAN_POCKET), math.dist(r[:2], DBSCAN_POCKET)) > 150]


@pytest.fixture(scope="module")
def planted(module_scratch_db, tmp_path_factory):
    with psycopg.connect(module_scratch_db) as conn:
        kode, lon0, lat0 = conn.execute(
            "SELECT kode_desa, ST_X(p), ST_Y(p) FROM desa CROSS JOIN LATERAL ST_PointOnSurface(geom) p "
            "ORDER BY ST_Area(geom) DESC LIMIT 1").fetchone()
    rows = _households(np.random.default_rng(2107))
    lines = [HEADER]
    for n, (x, y, poor, group) in enumerate(rows):
        lat = lat0 + y / 111_320
        lon = lon0 + x / (111_320 * math.cos(math.radians(lat0)))
        desil = 1 if poor else 6
        lines.append(f"{group}-{n},{1804990000000000 + n},Uji {n},{kode},,{lat:.7f},{lon:.7f},{desil},{TAIL}")
    path = tmp_path_factory.mktemp("kantong") / "rumah_tangga.csv"
    path.write_text("\n".join(lines) + "\n")
    import_households(path, url=module_scratch_db)
    return module_scratch_db


def _pockets(url, run_id):
    with psycopg.connect(url) as conn:
        return conn.execute("""
            SELECT k.kantong_id, k.metode, k.rumah_tangga, k.rumah_tangga_miskin, k.persen_miskin, k.risiko_relatif,
                   k.llr, k.p_value, k.radius_m, ST_IsValid(k.geom),
                   count(*) FILTER (WHERE h.id_keluarga LIKE 'scan-%%'),
                   count(*) FILTER (WHERE h.id_keluarga LIKE 'dbscan-%%' AND h.desil = 1),
                   count(*) FILTER (WHERE h.id_keluarga LIKE 'latar-%%')
            FROM analisis_kantong k
            LEFT JOIN rumah_tangga h ON ST_Intersects(h.geom, k.geom)
            WHERE k.run_id = %s GROUP BY k.run_id, k.kantong_id ORDER BY k.kantong_id""", (run_id,)).fetchall()


def test_scan_finds_the_planted_pocket_with_its_statistics(planted):
    result = run_analysis("kantong", {"metode": "scan", "replikasi": 199}, url=planted)
    pockets = _pockets(planted, result.run_id)
    assert pockets, result.ringkasan
    best = max(pockets, key=lambda row: row[10])
    _, metode, households, poor, share, rr, llr, p, radius, valid, planted_in, _, _ = best
    assert metode == "scan" and valid
    assert planted_in >= 20                       # the whole planted pocket is in one cluster
    assert 20 <= households <= 40 and poor >= 18  # and not much else
    assert p <= 0.01 and rr > 3 and llr > 10 and 0 < radius <= 500
    assert float(share) == pytest.approx(100 * poor / households, abs=0.05)
    assert all(row[7] <= 0.05 for row in pockets)  # only significant clusters are stored
    assert all(row[12] == 0 for row in pockets)    # no pocket in the background at 20 % poor
    assert result.ringkasan["metode"] == "scan" and result.ringkasan["kantong"] == len(pockets)


def test_dbscan_share_is_measured_on_the_cluster_households(planted):
    """40 poor + 6 others inside the hull (87 %); with the 30 non-poor households of the ring, which lie
    in the 50 m buffer drawn around the hull, the share would be 40 / 76 = 53 % and the pocket lost."""
    result = run_analysis("kantong", {"metode": "dbscan", "eps_m": 60, "min_titik": 10}, url=planted)
    pockets = _pockets(planted, result.run_id)
    found = [p for p in pockets if p[11] >= 36]
    assert len(found) == 1, pockets
    _, metode, households, poor, share, rr, llr, p, *_ = found[0]
    assert metode == "dbscan" and rr is None and p is None
    assert poor == 40 and households <= 46 and float(share) >= 70



def test_wrong_method_or_range_refused_before_a_run(planted):
    from spatial.errors import InvalidInput
    with psycopg.connect(planted) as conn:
        before = conn.execute("SELECT count(*) FROM analisis_run").fetchone()[0]
    for wrong in ({"metode": "kmeans"}, {"maks_persen_rt": 80}, {"replikasi": 3}):
        with pytest.raises(InvalidInput):
            run_analysis("kantong", wrong, url=planted)
    with psycopg.connect(planted) as conn:
        assert conn.execute("SELECT count(*) FROM analisis_run").fetchone()[0] == before
