"""Hot spots of the poverty rate: Getis-Ord Gi* on a square metre grid and Local Moran's I of
villages (both from esda), each with a false-discovery-rate (Benjamini-Hochberg) correction; both
within one kabupaten (its own reference distribution)."""

import numpy as np
from esda import G_Local, Moran_Local, fdr
from libpysal import weights

from spatial import sqlfiles
from spatial.analysis.common import no_progress
from spatial.analysis.regions import Kabupaten


GISTAR = "hotspot"
LISA = "lisa"
DEFAULTS_GISTAR = {
    "desil_maks": 2,        # poor = desil 1..desil_maks
    "sel_m": 1000.0,        # grid cell size in metres
    "min_rt": 5,            # cells with fewer households have no reliable rate and are left out
    "alpha": 0.05,          # false discovery rate
}
DEFAULTS_LISA = {
    "desil_maks": 2,
    "min_rt": 10,           # villages with fewer households are left out
    "jarak_tetangga_m": 50.0,  # villages whose boundaries are this close are neighbours
    "alpha": 0.05,
    "permutasi": 999,       # conditional permutations for the pseudo p-values
    "seed": 12345,          # fixed: the same data and parameters give the same classes
}


def fdr_significant(p_values: np.ndarray, alpha: float) -> np.ndarray:
    """Boolean mask of p-values significant under the Benjamini-Hochberg FDR at ``alpha``."""
    if len(p_values) == 0:
        return np.zeros(0, dtype=bool)
    return p_values <= fdr(p_values, alpha)


def grid_weights(ij: np.ndarray) -> weights.W:
    """Binary Gi* weights between grid cells (i, j): each cell itself and the cells whose centres
    are within 1.5 cell sizes, i.e. the 8 surrounding cells that hold households. The self-weight
    is set here (not by esda, whose copy of the weights would warn that a grid with empty cells is
    not fully connected: expected, and the runs share one process)."""
    band = weights.DistanceBand(ij.astype(float), threshold=1.5, binary=True, silence_warnings=True)
    return weights.W({i: [i, *band.neighbors[i]] for i in band.id_order}, id_order=band.id_order,
                     silence_warnings=True)


def gi_star(rate: np.ndarray, ij: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gi* z-scores and two-sided normal p-values of ``rate`` on the grid cells ``ij``."""
    if len(rate) < 3:
        return np.full(len(rate), np.nan), np.ones(len(rate))
    g = G_Local(rate, grid_weights(ij), transform="B", permutations=0, star=True, n_jobs=1)
    return g.Zs, np.minimum(1.0, 2 * g.p_norm)


def run_gistar(conn, run_id: int, params: dict, kab: Kabupaten, progress=no_progress) -> dict:
    """Write the Gi* cells of kabupaten ``kab`` for ``run_id`` to analisis_hotspot; returns counts
    per class. The grid holds the kabupaten's households only: each cell is compared with the
    kabupaten's own mean, and a border cell simply has fewer neighbours."""
    progress("sel grid", 0.0)
    cells = sqlfiles.fetch_all(conn, "analysis/hotspot_cells", {**params, **kab.params()})
    progress("Gi*", 0.4)
    rate = np.array([c["miskin"] / c["rumah_tangga"] for c in cells])
    z, p = gi_star(rate, np.array([(c["i"], c["j"]) for c in cells]).reshape(-1, 2))
    significant = fdr_significant(p, params["alpha"])
    rows = []
    for cell, r, zi, pi, sig in zip(cells, rate, z, p, significant):
        kelas = "tidak_signifikan" if not sig else ("panas" if zi > 0 else "dingin")
        rows.append({**cell, "rasio": float(r), "gi_z": None if np.isnan(zi) else float(zi),
                     "p_value": float(pi), "kelas": kelas})
    progress("menyimpan", 0.8)
    with conn.cursor() as cur:
        cur.executemany(sqlfiles.query("analysis/hotspot_insert"),
                        [{**r, "run_id": run_id, "sel_id": n + 1, "sel_m": params["sel_m"], "srid": kab.srid}
                         for n, r in enumerate(rows)])
    return _classes(rows)


def village_weights(conn, villages, jarak_m: float, srid: int) -> weights.W:
    """Contiguity of villages (polygons within ``jarak_m`` metres, computed in PostGIS); a village
    with no neighbour (island) is linked to its nearest village so every village has a lag."""
    codes = [v["kode_desa"] for v in villages]
    neighbours: dict[str, list[str]] = {code: [] for code in codes}
    for pair in sqlfiles.fetch_all(conn, "analysis/lisa_neighbours", {"kode": codes, "jarak_m": jarak_m, "srid": srid}):
        neighbours[pair["a"]].append(pair["b"])
    contiguity = weights.W(neighbours, ids=codes, silence_warnings=True)
    if contiguity.islands:
        # Groups of villages may stay apart (each village has a lag): libpysal says so unless silenced.
        knn = weights.KNN(np.array([(v["x"], v["y"]) for v in villages]), k=1, ids=codes, silence_warnings=True)
        contiguity = weights.attach_islands(contiguity, knn, silence_warnings=True)
    return contiguity


def run_lisa(conn, run_id: int, params: dict, kab: Kabupaten, progress=no_progress) -> dict:
    """Write the Local Moran classes of the villages of kabupaten ``kab`` for ``run_id`` to
    analisis_lisa; returns counts per class. Neighbours are villages of the same kabupaten."""
    progress("desa", 0.0)
    villages = sqlfiles.fetch_all(conn, "analysis/lisa_villages", {**params, **kab.params()})
    rows = []
    if len(villages) >= 3:
        progress("Moran lokal", 0.3)
        rate = np.array([v["miskin"] / v["rumah_tangga"] for v in villages])
        w = village_weights(conn, villages, params["jarak_tetangga_m"], kab.srid)
        lisa = Moran_Local(rate, w, transformation="r", permutations=params["permutasi"],
                           seed=params["seed"], n_jobs=1)
        significant = fdr_significant(lisa.p_sim, params["alpha"])
        quadrant = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
        for v, r, i, p, q, sig in zip(villages, rate, lisa.Is, lisa.p_sim, lisa.q, significant):
            kelas = ("panas" if q == 1 else "dingin" if q == 3 else "pencilan") if sig else "tidak_signifikan"
            rows.append({"kode_desa": v["kode_desa"], "rumah_tangga": v["rumah_tangga"], "rasio": float(r),
                         "moran_i": float(i), "p_value": float(p), "kuadran": quadrant[int(q)], "kelas": kelas})
    progress("menyimpan", 0.8)
    with conn.cursor() as cur:
        cur.executemany(sqlfiles.query("analysis/lisa_insert"), [{**r, "run_id": run_id} for r in rows])
    return _classes(rows)


def _classes(rows: list[dict]) -> dict:
    counts = {"panas": 0, "dingin": 0, "tidak_signifikan": 0}
    for r in rows:
        counts[r["kelas"]] = counts.get(r["kelas"], 0) + 1
    return counts
