"""The fixed set of circular windows of the scan: households grouped into locations, and around
every location the circles that grow one set of equidistant locations at a time (KD-tree)."""
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

CENTRES_PER_QUERY = 512


def locations(xy: np.ndarray, cell_m: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Group households into locations: the same point, or the same ``cell_m`` grid cell when
    ``cell_m`` > 0. Returns the location coordinates (mean of its households), numbered along a
    Z-order curve so that nearby locations have nearby numbers (the scan's gathers stay in cache),
    and each household's location index."""
    key = np.floor(xy / cell_m).astype(np.int64) if cell_m > 0 else xy
    _, inverse = np.unique(key, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    count = np.bincount(inverse)
    loc_xy = np.column_stack([np.bincount(inverse, weights=xy[:, d]) / count for d in (0, 1)])
    order = np.argsort(z_order(loc_xy, 50.0), kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return loc_xy[order], rank[inverse]


def z_order(xy: np.ndarray, cell_m: float) -> np.ndarray:
    """Z-order (Morton) code of the ``cell_m`` grid cell of each point."""
    cells = np.floor((xy - xy.min(axis=0)) / cell_m).astype(np.uint64) if len(xy) else np.zeros((0, 2), np.uint64)
    code = np.zeros(len(xy), dtype=np.uint64)
    for bit in range(24):
        for axis in (0, 1):
            code |= ((cells[:, axis] >> np.uint64(bit)) & np.uint64(1)) << np.uint64(2 * bit + axis)
    return code


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``starts[i] .. starts[i] + lengths[i] - 1`` for every i, concatenated."""
    lengths = np.asarray(lengths, dtype=np.int64)
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(np.asarray(starts, dtype=np.int64) - offsets, lengths) + np.arange(int(lengths.sum()))


@dataclass
class Windows:
    """Centre after centre (``seg_start``), the locations in order of distance (``loc``, ``dist``)
    with the households counted so far (``n``). The pairs of a centre up to position p form a
    window when ``end[p]`` (every location at that distance is in)."""
    loc: np.ndarray
    dist: np.ndarray
    n: np.ndarray
    end: np.ndarray
    seg_start: np.ndarray

    def start_of(self, pair: int) -> int:
        """First pair of the window that ends at ``pair``."""
        return int(self.seg_start[np.searchsorted(self.seg_start, pair, side="right") - 1])

    @property
    def seg_len(self) -> np.ndarray:
        return np.diff(np.append(self.seg_start, len(self.loc)))


def build_windows(loc_xy: np.ndarray, loc_n: np.ndarray, max_households: int, max_radius_m: float,
                  chunk_cells: int = 4_000_000) -> Windows:
    """Every circle centred on a location that takes whole sets of equidistant locations, with at
    most ``max_households`` households and a radius of at most ``max_radius_m``."""
    tree = cKDTree(loc_xy)
    within = np.minimum(tree.query_ball_point(loc_xy, max_radius_m, return_length=True), max_households)
    parts: dict[str, list] = {"loc": [], "dist": [], "n": [], "end": [], "len": []}
    pos = 0
    while pos < len(loc_xy):  # centres in location order: neighbours of nearby centres stay together
        block = max(1, min(CENTRES_PER_QUERY, chunk_cells // (int(within[pos:pos + CENTRES_PER_QUERY].max()) + 1)))
        centres = np.arange(pos, min(pos + block, len(loc_xy)))
        pos += len(centres)
        k = int(within[centres].max()) + 1  # +1: the next location tells whether the last closes a circle
        dist, idx = tree.query(loc_xy[centres], k=k, distance_upper_bound=max_radius_m)
        dist, idx = dist.reshape(len(centres), k), idx.reshape(len(centres), k)
        valid = np.isfinite(dist)
        cum = np.cumsum(np.where(valid, loc_n[np.minimum(idx, len(loc_n) - 1)], 0), axis=1)
        kept = valid & (cum <= max_households)  # a prefix of each row
        following = np.concatenate([dist[:, 1:], np.full((len(centres), 1), np.inf)], axis=1)
        for key, values in (("loc", idx), ("dist", dist), ("n", cum), ("end", dist < following)):
            parts[key].append(values[kept])
        parts["len"].append(kept.sum(axis=1))
    seg_len = np.concatenate(parts["len"])
    return Windows(np.concatenate(parts["loc"]).astype(np.int32), np.concatenate(parts["dist"]).astype(np.float32),
                   np.concatenate(parts["n"]).astype(np.int32), np.concatenate(parts["end"]).astype(bool),
                   np.concatenate([[0], np.cumsum(seg_len)[:-1]]).astype(np.int64))


def window_counts(windows: Windows, loc_c: np.ndarray) -> np.ndarray:
    """Poor households of the window ending at every pair, for labellings ``loc_c`` (shape
    labellings x locations). The running sum may wrap around in a small integer type: only
    differences within one centre's windows are kept, and those fit."""
    g = loc_c[:, windows.loc]
    np.cumsum(g, axis=1, out=g)
    before = g[:, windows.seg_start[1:] - 1]
    g -= np.repeat(np.concatenate([np.zeros((len(g), 1), g.dtype), before], axis=1), windows.seg_len, axis=1)
    return g
