"""The Bernoulli spatial scan (spatial.analysis.scan) against a slow, obviously correct version on
small data: same windows, ratios, clusters, Monte Carlo maxima and p-values; and p-values uniform
when there is no cluster. (The planted pocket through PostGIS: test_analysis_pockets_scan.py.)"""
import math

import numpy as np
import pytest
from scipy import stats
from scipy.special import xlogy

from spatial.analysis.scan import scan
from spatial.analysis.scan.montecarlo import random_labellings


def slow_llr(n, c, total_n, total_c):
    """Kulldorff's Bernoulli log-likelihood ratio written out term by term."""
    def term(x, y):
        return x * math.log(x / y) if x > 0 else 0.0
    out_n, out_c = total_n - n, total_c - c
    if c * out_n <= out_c * n:
        return 0.0
    inside = term(c, n) + term(n - c, n) + term(out_c, out_n) + term(out_n - out_c, out_n)
    return inside - (term(total_c, total_n) + term(total_n - total_c, total_n))


def slow_windows(xy, max_households, max_radius):
    """Every circle around every distinct point that takes all points at its radius: a list of
    (centre index, member household indices) built by sorting all distances."""
    points = sorted({tuple(p) for p in xy})
    at = {p: [i for i, q in enumerate(map(tuple, xy)) if q == p] for p in points}
    windows = []
    for ci, centre in enumerate(points):
        by_distance = sorted(points, key=lambda p: math.dist(p, centre))
        members = []
        for k, p in enumerate(by_distance):
            d = math.dist(p, centre)
            if d > max_radius or len(members) + len(at[p]) > max_households:
                break
            members = members + at[p]
            last = k == len(by_distance) - 1 or math.dist(by_distance[k + 1], centre) > d
            if last:
                windows.append((ci, list(members)))
    return windows


def slow_scan(xy, poor, max_share, max_radius, replications, seed, alpha):
    total_n, total_c = len(poor), int(sum(poor))
    windows = slow_windows(xy, max(1, int(max_share * total_n)), max_radius)

    def ratios(labels):
        return [slow_llr(len(m), int(sum(labels[i] for i in m)), total_n, total_c) for _, m in windows]

    observed = ratios(poor)
    # Monte Carlo: poor counts of every window = membership matrix x labels, one column per labelling
    member = np.zeros((len(windows), total_n))
    for w, (_, m) in enumerate(windows):
        member[w, m] = 1
    labels = np.zeros((total_n, replications))
    for r, chosen in enumerate(random_labellings(total_n, total_c, replications, seed)):
        labels[chosen, r] = 1
    c = member @ labels
    n = member.sum(axis=1)[:, None]
    out_n, out_c = total_n - n, total_c - c
    value = (xlogy(c, c / n) + xlogy(n - c, (n - c) / n) + xlogy(out_c, out_c / out_n)
             + xlogy(out_n - out_c, (out_n - out_c) / out_n)
             - xlogy(total_c, total_c / total_n) - xlogy(total_n - total_c, (total_n - total_c) / total_n))
    maxima = list(np.where(c / n > out_c / out_n, value, 0.0).max(axis=0))
    # best window of each centre (the first, smallest, on ties), then greedy without overlap
    best = {}
    for (centre, members), value in zip(windows, observed):
        if value > best.get(centre, (0.0, None))[0]:
            best[centre] = (value, members)
    clusters, used = [], set()
    for value, members in sorted(best.values(), key=lambda b: -b[0]):
        if used & set(members):
            continue
        used |= set(members)
        p = (1 + sum(m >= value for m in maxima)) / (replications + 1)
        if p > alpha:
            break
        clusters.append((sorted(members), value, p))
    return clusters, np.array(maxima)


def small_case(seed, n=240, duplicates=20, pocket=True):
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 2000, size=(n, 2)).round(1)
    xy[-duplicates:] = xy[:duplicates]  # households sharing a point
    poor = rng.random(n) < 0.2
    if pocket:
        near = np.argsort(np.hypot(*(xy - [600, 700]).T))[:14]
        poor[near] = rng.random(14) < 0.85
    return xy, poor


def assert_maxima(fast, maxima):
    """Maxima at or above the final level are exact; the others are exact or 0 (under the level
    of their time)."""
    above = maxima >= fast.level
    assert np.allclose(fast.null_max[above], maxima[above], rtol=1e-9)
    assert np.all((fast.null_max[~above] == 0) | np.isclose(fast.null_max[~above], maxima[~above], rtol=1e-9))


def cell_means(xy, cell_m):
    """Every household moved to the mean point of the households of its grid cell."""
    cells = {}
    for i, key in enumerate(map(tuple, np.floor(xy / cell_m).astype(int))):
        cells.setdefault(key, []).append(i)
    out = xy.copy()
    for members in cells.values():
        out[members] = xy[members].mean(axis=0)
    return out


@pytest.mark.parametrize("seed,max_share,radius,cell_m", [(1, 0.05, 2000.0, 0.0), (2, 0.25, 400.0, 0.0),
                                                          (3, 0.5, 3000.0, 0.0), (4, 0.2, 800.0, 60.0)])
def test_fast_scan_equals_slow_scan(seed, max_share, radius, cell_m):
    xy, poor = small_case(seed)
    fast = scan(xy, poor, max_share=max_share, max_radius_m=radius, replications=99, seed=seed, alpha=0.2,
                llr_floor=0.5, cell_m=cell_m)
    clusters, maxima = slow_scan(cell_means(xy, cell_m) if cell_m else xy, poor, max_share, radius, 99, seed, alpha=0.2)
    assert fast.clusters, "the planted pocket gives at least the most likely cluster"
    assert_maxima(fast, maxima)
    reported = [c for c in clusters if c[1] >= fast.level]
    assert len(fast.clusters) == len(reported)
    for got, (members, value, p) in zip(fast.clusters, reported):
        assert sorted(got.members.tolist()) == members
        assert got.llr == pytest.approx(value, rel=1e-9)
        assert got.p_value == pytest.approx(p)
        assert got.households == len(members) and got.poor == int(poor[members].sum())


def test_ring_pruning_keeps_every_maximum_that_matters():
    """Enough replications for the level to rise and the ring bounds to be used."""
    xy, poor = small_case(7, n=600, duplicates=40)
    fast = scan(xy, poor, max_share=0.2, max_radius_m=900.0, replications=199, seed=11, llr_floor=0.5)
    _, maxima = slow_scan(xy, poor, 0.2, 900.0, 199, 11, alpha=0.05)
    assert np.any(fast.null_max == 0) and fast.level > 3  # the level rose: maxima under it are not counted
    assert np.sum(maxima >= fast.level) >= 10  # k_sig = floor(0.05 * 200)
    assert_maxima(fast, maxima)


def test_p_values_are_uniform_without_clusters():
    """Under random labelling (no cluster) the most likely cluster's p-value is uniform: with ties
    between the observed and simulated maxima split at random (mid-rank), it is uniform on
    {1/100, ..., 1}; the reported p-value (ties count against the cluster) is never smaller."""
    rng = np.random.default_rng(99)
    randomised, reported = [], []
    for seed in range(300):
        data = np.random.default_rng(5000 + seed)
        xy = data.uniform(0, 2000, size=(400, 2))
        poor = data.random(400) < 0.3
        result = scan(xy, poor, max_share=0.3, max_radius_m=3000.0, replications=99, seed=seed, alpha=1.0,
                      max_clusters=1, llr_floor=1e-6)
        mlc = result.clusters[0]
        higher = int(np.sum(result.null_max > mlc.llr * (1 + 1e-12)))
        ties = int(np.sum(np.isclose(result.null_max, mlc.llr, rtol=1e-12)))
        assert mlc.p_value == pytest.approx((1 + higher + ties) / 100)
        randomised.append((higher + rng.integers(0, ties + 1) + 1) / 100)
        reported.append(mlc.p_value)
    assert stats.kstest(np.array(randomised) - rng.uniform(0, 0.01, len(randomised)), "uniform").pvalue > 0.01
    assert np.mean(np.array(reported) <= 0.05) <= 0.05 + 2.5 * math.sqrt(0.05 * 0.95 / 300)
