"""Poverty pockets, by one of two methods (``metode``):

- ``scan``: Kulldorff's Bernoulli spatial scan statistic per kabupaten (``spatial.analysis.scan``):
  circles of households where the poor share is significantly higher than in the rest of the
  kabupaten, each with relative risk, log-likelihood ratio and Monte Carlo p-value;
- ``dbscan``: density clusters of poor households (ST_ClusterDBSCAN in UTM metres) kept when poor
  households make up at least ``persen_miskin_min`` % of the households of the cluster; the poor
  households of neighbouring kabupaten near the border count for the density (context).

Both run per kabupaten (issue #18): a run is one kabupaten.

docs/kantong.md explains both in plain words and how they were compared (bench/targeting.py).
"""
import numpy as np

from spatial import sqlfiles
from spatial.analysis.common import no_progress
from spatial.analysis.regions import Kabupaten
from spatial.analysis.scan import scan
from spatial.errors import N_, InvalidInput

JENIS = "kantong"
METHODS = ("scan", "dbscan")
DEFAULTS = {
    "metode": "scan",           # scan | dbscan
    "desil_maks": 2,            # poor = desil 1..desil_maks
    # scan
    "maks_persen_rt": 5.0,      # a circle holds at most this share of the kabupaten's households (%)
    "maks_radius_m": 500.0,     # ... and reaches at most this far (metres)
    "sel_m": 25.0,              # households in one cell of this grid count as one location (0 = exact points)
    "replikasi": 999,           # Monte Carlo replications
    "alpha": 0.05,              # clusters kept when their p-value is at most this
    "seed": 20261,              # fixed: the same data and parameters give the same clusters
    # dbscan
    "eps_m": 250.0,             # neighbourhood radius in metres
    "min_titik": 10,            # poor households needed within eps_m to start a pocket
    "persen_miskin_min": 70.0,  # keep pockets where poor households are at least this share
    # both
    "buffer_m": 50.0,           # polygon = concave hull of the members + this buffer
}


def checked_parameters(params: dict) -> dict:
    """The parameters, refused (InvalidInput) when the method or a range is wrong."""
    if params["metode"] not in METHODS:
        raise InvalidInput(N_("metode harus salah satu dari: %(metode)s"), metode=", ".join(METHODS))
    if not 0 < params["maks_persen_rt"] <= 50 or params["maks_radius_m"] <= 0 or params["sel_m"] < 0:
        raise InvalidInput(N_("maks_persen_rt harus di antara 0 dan 50, maks_radius_m lebih dari 0, sel_m tidak negatif"))
    if not 0 < params["alpha"] <= 1 or params["replikasi"] < 9:
        raise InvalidInput(N_("alpha harus di antara 0 dan 1, replikasi paling sedikit 9"))
    return params


def run(conn, run_id: int, params: dict, kab: Kabupaten, progress=no_progress) -> dict:
    """Write the pockets of kabupaten ``kab`` for ``run_id`` to analisis_kantong; returns the summary."""
    query = {**params, **kab.params(), "run_id": run_id}
    extra = run_scan(conn, run_id, query, progress) if params["metode"] == "scan" else run_dbscan(conn, query, progress)
    progress("selesai", 1.0)
    return {**sqlfiles.fetch_all(conn, "analysis/pockets_summary", {"run_id": run_id})[0], **extra}


def run_dbscan(conn, query: dict, progress=no_progress) -> dict:
    """DBSCAN pockets of one kabupaten. A pocket is the part of a density cluster inside the
    kabupaten: its polygon, households and share poor count only the kabupaten's own households,
    while poor households across the border (within 2 eps_m) count for the density
    (``anggota_kab_lain``)."""
    progress("rumah tangga miskin", 0.1)
    sqlfiles.run(conn, "analysis/pockets_points", query)
    progress("DBSCAN", 0.3)
    sqlfiles.run(conn, "analysis/cluster_polygons", query)
    progress("poligon kantong", 0.7)
    sqlfiles.run(conn, "analysis/pockets_insert", query)
    return {}


def run_scan(conn, run_id: int, query: dict, progress=no_progress) -> dict:
    """Scan clusters of one kabupaten, scanned on its own households (visited in registry-id order,
    so the same households give the same clusters in any database)."""
    progress("rumah tangga", 0.05)
    rows = sqlfiles.fetch_rows(conn, "analysis/scan_households", query)

    def report(fraction):
        progress("pindai", 0.1 + 0.8 * fraction)
    result = scan_kabupaten(np.array([(r[3], r[4]) for r in rows]).reshape(-1, 2),
                            np.array([r[5] for r in rows], dtype=bool), query, report)
    progress("poligon kantong", 0.9)
    _insert_clusters(conn, run_id, [(rows, c) for c in result.clusters], query)
    return {"metode": "scan", "per_kabupaten": {query["kode_kab"]: {
        "rumah_tangga": len(rows), "klaster": len(result.clusters), "llr_kritis": result.critical_llr}}}


def scan_kabupaten(xy: np.ndarray, poor: np.ndarray, params: dict, progress=None):
    """The scan of one kabupaten's households (UTM metres, poor flags) with the run's parameters."""
    return scan(xy, poor, max_share=params["maks_persen_rt"] / 100, max_radius_m=params["maks_radius_m"],
                replications=params["replikasi"], seed=params["seed"], alpha=params["alpha"], cell_m=params["sel_m"],
                progress=progress)


def _insert_clusters(conn, run_id: int, stored: list, params: dict) -> None:
    members: dict[str, list] = {"m_kantong": [], "m_prov": [], "m_id": []}
    stats: dict[str, list] = {k: [] for k in ("kantong", "n", "c", "rr", "llr", "p", "radius")}
    for number, (part, cluster) in enumerate(stored, start=1):
        for i in cluster.members:
            members["m_kantong"].append(number)
            members["m_prov"].append(part[i][1])
            members["m_id"].append(part[i][2])
        for key, value in zip(stats, (number, cluster.households, cluster.poor,
                                      cluster.relative_risk if np.isfinite(cluster.relative_risk) else None,
                                      cluster.llr, cluster.p_value, cluster.radius_m)):
            stats[key].append(value)
    sqlfiles.run(conn, "analysis/scan_insert", {**members, **stats, "run_id": run_id, "buffer_m": params["buffer_m"],
                                                "srid": params["srid"]})
