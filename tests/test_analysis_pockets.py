"""Poverty pockets against the generator's planted pockets; Gi* against esda called directly;
Local Moran classes."""
import numpy as np
import psycopg
import pytest
from esda import G_Local
from conftest import login
from libpysal.weights import W

from spatial.analysis import run_analysis


@pytest.fixture(scope="module", params=["scan", "dbscan"])
def pockets_run(db_url, request):
    return run_analysis("kantong", {"metode": request.param}, url=db_url)


def test_planted_pockets_found(db_url, ground_truth, pockets_run):
    planted = ground_truth["poverty_pockets"]
    assert planted, "the sample must plant pockets"
    with psycopg.connect(db_url) as conn:
        found = conn.execute("SELECT kantong_id, geom FROM analisis_kantong WHERE run_id = %s",
                             (pockets_run.run_id,)).fetchall()
        hit = conn.execute("""
            SELECT p.id, k.kantong_id FROM unnest(%s::text[], %s::float8[], %s::float8[], %s::float8[]) AS p(id, lon, lat, r)
            JOIN analisis_kantong k ON k.run_id = %s
             AND ST_DWithin(k.geom::geography, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)::geography, p.r)""",
            ([str(p["id"]) for p in planted], [p["lon"] for p in planted], [p["lat"] for p in planted],
             [p["radius_m"] for p in planted], pockets_run.run_id)).fetchall()
    found_planted = {h[0] for h in hit}
    true_pockets = {h[1] for h in hit}
    recall = len(found_planted) / len(planted)
    false_share = 1 - len(true_pockets) / len(found) if found else 1
    assert recall >= 0.9, (recall, len(planted), len(found))
    assert false_share <= 0.2, (false_share, len(found))


def test_pockets_store_counts_and_villages(db_url, pockets_run):
    with psycopg.connect(db_url) as conn:
        rows = conn.execute("""SELECT rumah_tangga, rumah_tangga_miskin, persen_miskin, desa, ST_IsValid(geom)
                               FROM analisis_kantong WHERE run_id = %s""", (pockets_run.run_id,)).fetchall()
        stored = conn.execute("SELECT parameter->>'eps_m' FROM analisis_run WHERE id = %s",
                              (pockets_run.run_id,)).fetchone()[0]
    assert float(stored) == pockets_run.parameter["eps_m"]
    assert rows
    for total, poor, share, villages, valid in rows:
        assert 0 < poor <= total and valid and len(villages) >= 1
        if pockets_run.parameter["metode"] == "dbscan":
            assert float(share) >= pockets_run.parameter["persen_miskin_min"]


def test_gi_star_equals_esda_directly(db_url):
    result = run_analysis("hotspot", {"sel_m": 1000}, url=db_url)
    with psycopg.connect(db_url) as conn:
        cells = conn.execute("SELECT i, j, rumah_tangga, miskin, gi_z, kelas FROM analisis_hotspot "
                             "WHERE run_id = %s ORDER BY sel_id", (result.run_id,)).fetchall()
    assert len(cells) > 20
    # Independent weights: the 8 surrounding cells, built by hand from the (i, j) indices.
    index = {(c[0], c[1]): n for n, c in enumerate(cells)}
    neighbours = {n: [index[(c[0] + di, c[1] + dj)] for di in (-1, 0, 1) for dj in (-1, 0, 1)
                      if (di or dj) and (c[0] + di, c[1] + dj) in index] for n, c in enumerate(cells)}
    rate = np.array([c[3] / c[2] for c in cells])
    direct = G_Local(rate, W(neighbours, silence_warnings=True), transform="B", permutations=0, star=True)
    stored = np.array([c[4] for c in cells], dtype=float)
    assert np.allclose(stored, direct.Zs, atol=1e-9)
    hot = {c[5] for c in cells}
    assert "panas" in hot


def test_local_moran_classes(db_url):
    result = run_analysis("lisa", url=db_url)
    again = run_analysis("lisa", url=db_url)
    with psycopg.connect(db_url) as conn:
        rows = conn.execute("SELECT kode_desa, kelas, p_value FROM analisis_lisa WHERE run_id = %s ORDER BY 1",
                            (result.run_id,)).fetchall()
        rows2 = conn.execute("SELECT kode_desa, kelas, p_value FROM analisis_lisa WHERE run_id = %s ORDER BY 1",
                             (again.run_id,)).fetchall()
    assert len(rows) > 100
    assert rows == rows2  # reproducible: same data and parameters, same classes
    assert sum(result.ringkasan.values()) == len(rows)


def test_pocket_page_and_village_profile_speak_plainly(app, db_url):
    """The Kantong Kemiskinan page lists the scan clusters with relative risk and the p-value as
    "1 dari N"; a village's profile names the pocket that holds its households."""
    run = run_analysis("kantong", {"metode": "scan", "replikasi": 199}, url=db_url)
    with psycopg.connect(db_url) as conn:
        kantong_id, desa, p_value = conn.execute(
            "SELECT kantong_id, desa[1], p_value FROM analisis_kantong WHERE run_id = %s ORDER BY llr DESC LIMIT 1",
            (run.run_id,)).fetchone()
    assert p_value == pytest.approx(1 / 200)
    viewer = login(app.test_client(), "viewer")
    html = viewer.get("/analisis/kantong").get_data(as_text=True)
    assert 'id="tabel-kantong"' in html and "1 dari 200" in html and "kali lipat" in html
    profile = viewer.get(f"/desa/{desa}").get_data(as_text=True)
    assert f"Kantong {kantong_id}" in profile and "peluang kebetulan 1 dari 200" in profile
    english = login(app.test_client(), "viewer")
    english.get("/bahasa/en")
    assert "chance of a fluke 1 in 200" in english.get(f"/desa/{desa}").get_data(as_text=True)
