"""Monte Carlo inference of the scan (Kulldorff 1997, section 4; Dwass 1957): the highest ratio
of each random labelling of the same households, computed exactly where it matters.

Only ratios at or above a level F are needed: a cluster's p-value counts the labellings whose
highest ratio reaches the cluster's ratio, and once k_sig labellings reach F, every cluster under
F has a p-value above alpha whatever happens next. So F starts at the weakest candidate cluster
and rises to the k_sig-th highest maximum seen so far; maxima under F are recorded as 0.

While F is low, every window is counted (one gather and one running sum per labelling). Once F
has risen, each centre's windows are cut into rings of ~25 % more locations and a ring is counted
only if its bound can reach F: within a ring, windows hold at least ``n_lo`` households and at
most ``T`` poor (the poor of the ring's largest window), and the ratio grows with the poor count
and falls with the size, so no window of the ring beats ratio(n_lo, T), or ratio(T, T) when
T > n_lo. The ring totals of all centres for a batch of labellings are one sparse matrix
products."""
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from spatial.analysis.scan.likelihood import llr_bernoulli, min_poor_for, xlogx
from spatial.analysis.scan.windows import Windows, ranges, window_counts

DENSE_CELLS = 24_000_000     # (pair, labelling) counts held at once when every window is counted
RING_BATCH = 32               # labellings per sparse product
EVAL_CELLS = 4_000_000       # pairs counted at once for the rings that pass their bound
RING_GROWTH = 0.25
FIRST_RING = 8
PILOT = 10                   # labellings counted in full before the level is first raised


def random_labellings(total_n: int, total_c: int, replications: int, seed: int):
    """The Monte Carlo labellings: for each replication, the indices of the ``total_c`` households
    labelled poor (drawn without replacement, seeded)."""
    rng = np.random.default_rng(seed)
    for _ in range(replications):
        yield rng.permutation(total_n)[:total_c]


def k_significant(replications: int, alpha: float) -> int:
    """Fewest labellings at or above a ratio that make its p-value exceed ``alpha``."""
    return int(np.floor(alpha * (replications + 1)))


@dataclass
class Rings:
    """Each centre's pairs cut into rings: ``matrix`` (rings x locations) sums a labelling's poor per
    ring and ``prefix`` (rings x rings) adds up the rings of a centre to the ring's outer edge;
    ``first``/``last`` pair of each ring; ``n_lo`` households of the smallest window ending in it."""
    matrix: sparse.csr_matrix
    prefix: sparse.csr_matrix
    first: np.ndarray
    last: np.ndarray
    n_lo: np.ndarray


def build_rings(windows: Windows, n_locations: int) -> Rings:
    """Rings of every centre: the first FIRST_RING pairs, then each ~25 % more pairs."""
    seg_len = windows.seg_len
    top = int(seg_len.max()) if len(seg_len) else 1
    edges = [0, FIRST_RING]
    while edges[-1] < top:
        edges.append(edges[-1] + max(1, int(edges[-1] * RING_GROWTH)))
    starts = np.array(edges, dtype=np.int64)
    per_centre = np.searchsorted(starts, seg_len, side="left")   # rings starting before the end
    seg_of_ring = np.repeat(np.arange(len(seg_len)), per_centre)
    j = ranges(np.zeros(len(seg_len), dtype=np.int64), per_centre)
    first = windows.seg_start[seg_of_ring] + starts[j]
    last = windows.seg_start[seg_of_ring] + np.minimum(starts[j + 1], seg_len[seg_of_ring]) - 1
    counts = last - first + 1
    indptr = np.concatenate([[0], np.cumsum(counts)])
    matrix = sparse.csr_matrix((np.ones(len(windows.loc), dtype=np.int16), windows.loc, indptr),
                               shape=(len(first), n_locations))
    # prefix row b: rings first_ring(centre) .. b of the same centre
    seg_first_ring = np.concatenate([[0], np.cumsum(per_centre)[:-1]])
    width = j + 1
    cols = ranges(seg_first_ring[seg_of_ring], width)
    prefix = sparse.csr_matrix((np.ones(len(cols), dtype=np.int16), cols, np.concatenate([[0], np.cumsum(width)])),
                               shape=(len(first), len(first)))
    return Rings(matrix, prefix, first, last, windows.n[first].astype(np.int64))


class NullMaxima:
    """Highest ratio of each labelling (0 when under the level F of its time)."""

    def __init__(self, windows: Windows, loc_of: np.ndarray, n_locations: int, total_n: int, total_c: int):
        self.w, self.loc_of, self.n_loc = windows, loc_of, n_locations
        self.N, self.C = total_n, total_c
        self.table = xlogx(total_n)
        self.max_n = int(windows.n.max()) if len(windows.n) else 1
        self.dtype = np.int16 if self.max_n < 2 ** 15 - 1 else np.int32
        self._needs: dict[float, np.ndarray] = {}
        self._thresholds: dict[float, np.ndarray] = {}

    @cached_property
    def rings(self) -> Rings:
        return build_rings(self.w, self.n_loc)

    def run(self, level: float, replications: int, seed: int, alpha: float, progress=None) -> tuple[np.ndarray, float]:
        """Maxima of ``replications`` labellings and the final level F. The first PILOT labellings
        are counted in full at the starting level; the level then rises to the lowest of their
        maxima (provisionally: at the end at least k_sig maxima must reach the final level, or
        the whole simulation is counted in full), then to the k_sig-th highest maximum."""
        k_sig = k_significant(replications, alpha)
        if not np.isfinite(level) or replications == 0 or len(self.w.loc) == 0:
            return np.zeros(replications), level
        start = level
        result = np.zeros(replications)
        labels = random_labellings(self.N, self.C, replications, seed)
        done = 0
        while done < replications:
            pilot = done < min(PILOT, replications) or k_sig == 0
            if pilot:
                size = min(replications - done, PILOT - done if k_sig else replications,
                           max(1, DENSE_CELLS // len(self.w.loc)))
            else:
                if done == PILOT:
                    level = max(level, float(result[:done].min()))
                if np.sum(result[:done] >= level) >= k_sig:
                    level = max(level, float(np.sort(result[:done])[-k_sig]))
                size = min(replications - done, RING_BATCH)
            loc_c = np.stack([np.bincount(self.loc_of[next(labels)], minlength=self.n_loc)
                              for _ in range(size)]).astype(self.dtype)
            batch = self._dense(loc_c, level) if pilot else self._by_rings(loc_c, level)
            result[done:done + size] = np.where(batch >= level, batch, 0.0)
            done += size
            if progress:
                progress(done / replications)
        if level > start and np.sum(result >= level) < k_sig:  # the provisional level was too high
            return self._all_dense(start, replications, seed, progress), start
        return result, level

    def _all_dense(self, level: float, replications: int, seed: int, progress) -> np.ndarray:
        labels = random_labellings(self.N, self.C, replications, seed)
        result = np.zeros(replications)
        for i in range(replications):
            loc_c = np.bincount(self.loc_of[next(labels)], minlength=self.n_loc).astype(self.dtype)[None, :]
            result[i] = self._dense(loc_c, level)[0]
            if progress:
                progress((i + 1) / replications)
        return np.where(result >= level, result, 0.0)

    def _need(self, level: float) -> np.ndarray:
        """Fewest poor for each window size to reach ``level`` (see min_poor_for)."""
        if level not in self._needs:
            self._needs = {level: min_poor_for(level, self.max_n, self.N, self.C)}
        return self._needs[level]

    def _score(self, rows: np.ndarray, pairs: np.ndarray, counts: np.ndarray, size: int) -> np.ndarray:
        best = np.zeros(size)
        if len(rows):
            np.maximum.at(best, rows, llr_bernoulli(self.w.n[pairs], counts, self.N, self.C, self.table))
        return best

    def _dense(self, loc_c: np.ndarray, level: float) -> np.ndarray:
        """Every window counted."""
        if level not in self._thresholds:
            need = self._need(level)
            self._thresholds = {level: np.where(self.w.end, need[self.w.n], np.iinfo(self.dtype).max).astype(self.dtype)}
        counts = window_counts(self.w, loc_c)
        rows, pairs = np.nonzero(counts >= self._thresholds[level])
        return self._score(rows, pairs, counts[rows, pairs], len(loc_c))

    def _by_rings(self, loc_c: np.ndarray, level: float) -> np.ndarray:
        """Only the rings whose bound reaches the level counted."""
        r, need = self.rings, self._need(level)
        ring_c = r.matrix @ np.ascontiguousarray(loc_c.T)   # rings x labellings
        upto = r.prefix @ ring_c                            # poor up to each ring's outer edge
        # Bound of a ring: ratio(n_lo, T) if T <= n_lo, else ratio(T, T); reaches the level when
        # T >= need[n_lo] (need[n_lo] <= n_lo), or T >= the smallest all-poor size that does.
        all_poor = np.flatnonzero(need <= np.arange(len(need)))
        smallest = int(all_poor[0]) if len(all_poor) else self.max_n + 1
        n_lo = np.minimum(r.n_lo, self.max_n)
        bound = np.where(need[n_lo] <= n_lo, need[n_lo], np.maximum(n_lo + 1, smallest))
        some = np.flatnonzero(upto.max(axis=1) >= bound)  # rings that pass for some labelling
        rings, rows = np.nonzero(upto[some] >= bound[some, None])
        rings = some[rings]
        best = np.zeros(len(loc_c))
        before = upto[rings, rows] - ring_c[rings, rows]
        lengths = r.last[rings] - r.first[rings] + 1
        chunk = np.cumsum(lengths) // EVAL_CELLS  # items counted together, about EVAL_CELLS pairs
        splits = [0, *(np.flatnonzero(np.diff(chunk)) + 1).tolist(), len(rings)]
        for a, b in zip(splits[:-1], splits[1:]):
            if a < b:
                self._rings_exact(loc_c, rows[a:b], rings[a:b], before[a:b], lengths[a:b], need, best)
        return best

    def _rings_exact(self, loc_c: np.ndarray, rows: np.ndarray, rings: np.ndarray, before: np.ndarray,
                     lengths: np.ndarray, need: np.ndarray, best: np.ndarray) -> None:
        """Count the windows of the given (labelling, ring) items and raise ``best`` to their ratios."""
        pairs = ranges(self.rings.first[rings], lengths)
        item = np.repeat(np.arange(len(rings)), lengths)
        running = np.cumsum(loc_c[rows[item], self.w.loc[pairs]].astype(np.int64))
        before_item = np.concatenate([[0], running[np.cumsum(lengths)[:-1] - 1]])
        counts = running + np.repeat(before - before_item, lengths)
        hit = self.w.end[pairs] & (counts >= need[self.w.n[pairs]])
        np.maximum(best, self._score(rows[item[hit]], pairs[hit], counts[hit], len(best)), out=best)
