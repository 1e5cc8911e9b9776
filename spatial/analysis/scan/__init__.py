"""Kulldorff's Bernoulli spatial scan statistic over circular windows (the statistic of SaTScan),
for the households of one kabupaten: cases = poor households, controls = the others.

Windows are circles centred on every household location that grow one location at a time (the
k nearest), up to ``max_share`` of the households and ``max_radius_m`` metres. Each window is
scored by the log-likelihood ratio of "the poor share inside differs from outside" against "one
share everywhere" (only windows richer in poor households than the rest count). The most likely
cluster is the window with the highest ratio; secondary clusters are the best windows of other
centres, taken by ratio when they share no household with a cluster already taken (SaTScan's
"no geographical overlap"). Significance comes from Monte Carlo random
labelling: the poor labels are shuffled over the same households ``replications`` times (seeded),
the highest ratio of each shuffle is kept, and a cluster's p-value is the rank of its ratio among
them (Dwass 1957), so it accounts for the many windows looked at.

Implementation (numpy + scipy): households at the same point (or, with ``cell_m``, in the same
small grid cell) form one location; a KD-tree gives each centre's neighbours sorted by distance
(``windows``); the windows of all centres are one flat array of (centre, location) pairs, so the
poor count of every window is one gather and one running sum; the ratio uses a table of x log x
(``likelihood``); the Monte Carlo prunes windows that cannot matter (``montecarlo``).

References:
- Kulldorff M, Nagarwalla N (1995). Spatial disease clusters: detection and inference.
  Statistics in Medicine 14:799-810.
- Kulldorff M (1997). A spatial scan statistic. Communications in Statistics - Theory and
  Methods 26:1481-1496 (Bernoulli model, likelihood ratio, Monte Carlo inference).
- Dwass M (1957). Modified randomization tests for nonparametric hypotheses. Annals of
  Mathematical Statistics 28:181-187 (p = rank / (replications + 1)).
- Kulldorff M. SaTScan User Guide, v10 (secondary clusters without geographical overlap,
  maximum window as a share of the population).
"""
from dataclasses import dataclass

import numpy as np

from spatial.analysis.scan.likelihood import llr_bernoulli
from spatial.analysis.scan.montecarlo import NullMaxima
from spatial.analysis.scan.windows import Windows, build_windows, locations, window_counts

MAX_WINDOW_HOUSEHOLDS = 32_000  # counts are kept in 16-bit integers


@dataclass(frozen=True)
class Cluster:
    """One cluster: its households (indices into the input), centre, radius (metres, to the farthest
    member location), counts, expected poor, relative risk, log-likelihood ratio and p-value."""
    members: np.ndarray
    centre: tuple
    radius_m: float
    households: int
    poor: int
    expected: float
    relative_risk: float
    llr: float
    p_value: float


@dataclass
class ScanResult:
    """Clusters in decreasing order of ratio (the first is the most likely cluster); the highest
    ratio of every labelling (0 where it stayed under ``level``; every p-value of a ratio at or
    above ``level`` is exact, every ratio under it has a p-value above alpha); search sizes."""
    clusters: list
    null_max: np.ndarray
    level: float
    windows: int
    locations: int
    pairs: int

    @property
    def critical_llr(self) -> float | None:
        """Ratio a cluster needs for p <= 0.05 (None when under ``level``)."""
        if len(self.null_max) < 19:
            return None
        value = float(np.quantile(self.null_max, 0.95, method="higher"))
        return value if value >= self.level else None


def scan(xy: np.ndarray, poor: np.ndarray, *, max_share: float = 0.05, max_radius_m: float = 500.0,
         replications: int = 999, seed: int = 20261, alpha: float = 0.05, max_clusters: int = 100,
         llr_floor: float = 3.0, cell_m: float = 0.0, progress=None) -> ScanResult:
    """Bernoulli spatial scan of households at ``xy`` (metres, shape N x 2) marked ``poor`` (bool).
    Returns the clusters whose p-value is at most ``alpha``: the most likely cluster, then the
    secondary clusters that share no household with an earlier one (at most ``max_clusters``,
    none with a ratio under ``llr_floor``). Windows hold at most ``max_share`` of the households
    and reach at most ``max_radius_m``; households in one ``cell_m`` cell (when > 0) count as one
    location. ``progress(fraction)`` is called during the Monte Carlo."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    poor = np.asarray(poor, dtype=bool)
    total_n, total_c = len(poor), int(poor.sum())
    if total_c in (0, total_n):
        return ScanResult([], np.zeros(0), float("inf"), 0, 0, 0)
    loc_xy, loc_of = locations(xy, cell_m)
    loc_n = np.bincount(loc_of, minlength=len(loc_xy))
    max_households = max(1, min(int(max_share * total_n), MAX_WINDOW_HOUSEHOLDS))
    windows = build_windows(loc_xy, loc_n, max_households, max_radius_m)
    loc_c = np.bincount(loc_of, weights=poor, minlength=len(loc_xy)).astype(np.int32)
    observed_c = window_counts(windows, loc_c[None, :])[0]
    observed = np.zeros(len(windows.loc))
    high = np.flatnonzero(windows.end & (observed_c.astype(np.int64) * total_n > total_c * windows.n.astype(np.int64)))
    observed[high] = llr_bernoulli(windows.n[high], observed_c[high], total_n, total_c)
    candidates = _candidates(windows, observed, max(llr_floor, 1e-9), max_clusters)
    level = min((observed[p] for p in candidates), default=float("inf"))
    null_max, level = NullMaxima(windows, loc_of, len(loc_xy), total_n, total_c).run(
        level, replications, seed, alpha, progress)
    clusters = []
    for pair in candidates:
        p_value = (1 + int(np.sum(null_max >= observed[pair]))) / (replications + 1)
        if p_value > alpha or observed[pair] < level:
            break
        clusters.append(_cluster(windows, pair, observed[pair], int(observed_c[pair]), p_value, loc_xy, loc_of,
                                 total_n, total_c))
    return ScanResult(clusters, null_max, float(level), int(windows.end.sum()), len(loc_xy), len(windows.loc))


def _candidates(windows: Windows, observed: np.ndarray, llr_floor: float, max_clusters: int) -> list:
    """End pairs of the clusters: the best window of every centre, taken by ratio when it shares
    no location with one taken before (secondary clusters without geographical overlap, as in
    SaTScan)."""
    if not len(observed):
        return []
    best = np.maximum.reduceat(observed, windows.seg_start)
    ok = np.flatnonzero(best >= llr_floor)
    # the last pair of each centre holding the best ratio: the window itself
    pair_of: dict[int, int] = {}
    hits = np.flatnonzero(observed >= llr_floor)
    seg = np.searchsorted(windows.seg_start, hits, side="right") - 1
    top = hits[observed[hits] == best[seg]]
    for p, g in zip(top, np.searchsorted(windows.seg_start, top, side="right") - 1):
        pair_of.setdefault(int(g), int(p))
    used = np.zeros(int(windows.loc.max()) + 1, dtype=bool)
    taken = []
    for g in ok[np.argsort(-best[ok], kind="stable")]:
        start, pair = int(windows.seg_start[g]), pair_of[int(g)]
        if used[windows.loc[start]]:
            continue
        locs = windows.loc[start:pair + 1]
        if used[locs].any():
            continue
        used[locs] = True
        taken.append(pair)
        if len(taken) >= max_clusters:
            break
    return taken


def _cluster(windows: Windows, pair: int, llr: float, poor: int, p_value: float, loc_xy, loc_of,
             total_n: int, total_c: int) -> Cluster:
    start = windows.start_of(pair)
    n = int(windows.n[pair])
    outside = (total_c - poor) / (total_n - n)
    return Cluster(np.flatnonzero(np.isin(loc_of, windows.loc[start:pair + 1])),
                   tuple(float(v) for v in loc_xy[windows.loc[start]]), float(windows.dist[pair]), n, poor,
                   n * total_c / total_n, float("inf") if outside == 0 else (poor / n) / outside, float(llr), p_value)
