"""Siting: MCLP equals the exhaustive optimum on small instances and beats (or ties) greedy."""
import itertools
import random

import psycopg

from spatial.analysis import run_analysis
from spatial.analysis.siting import coverage_groups, covered_weight, greedy, solve_mclp


def random_instance(seed, n_sites=12, n_points=80):
    rng = random.Random(seed)
    cover = [{j for j in range(n_sites) if rng.random() < 0.18} for _ in range(n_points)]
    weight = [rng.randint(1, 9) for _ in range(n_points)]
    return coverage_groups(cover, weight), n_sites


def test_mclp_equals_exhaustive_optimum():
    for seed in range(5):
        (groups, weights), n_sites = random_instance(seed)
        for k in (2, 3, 4):
            best = max(covered_weight(groups, weights, combo) for combo in itertools.combinations(range(n_sites), k))
            chosen = solve_mclp(groups, weights, n_sites, k)
            assert len(chosen) == k
            assert covered_weight(groups, weights, chosen) == best


def test_greedy_can_be_beaten():
    # Greedy takes the big middle site first; the optimum for k=2 is the two side sites.
    groups, weights = coverage_groups([{0, 1}] * 5 + [{0, 2}] * 5 + [{1}] * 4 + [{2}] * 4, [1] * 18)
    assert covered_weight(groups, weights, greedy(groups, weights, 3, 2)) == 14
    assert covered_weight(groups, weights, solve_mclp(groups, weights, 3, 2)) == 18


def test_siting_on_sample_k10_at_least_greedy(db_url):
    run_analysis("celah", url=db_url)
    result = run_analysis("lokasi", {"k": 10}, url=db_url)
    for layanan in ("air", "sanitasi"):
        summary = result.ringkasan[layanan]
        assert summary["cakupan"] >= summary["cakupan_greedy"] > 0
    with psycopg.connect(db_url) as conn:
        rows = conn.execute("""SELECT layanan, urutan, tambahan, kumulatif FROM analisis_lokasi
                               WHERE run_id = %s AND terpilih ORDER BY layanan, urutan""", (result.run_id,)).fetchall()
    for layanan in ("air", "sanitasi"):
        mine = [r for r in rows if r[0] == layanan]
        assert [r[1] for r in mine] == list(range(1, 11))
        gains = [r[2] for r in mine]
        assert gains == sorted(gains, reverse=True)          # in order of marginal gain
        assert sum(gains) == mine[-1][3] == result.ringkasan[layanan]["cakupan"]
