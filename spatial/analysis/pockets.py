"""Poverty pockets: density clusters of poor households (ST_ClusterDBSCAN in UTM metres)."""
from spatial.analysis.common import no_progress
from spatial import sqlfiles

JENIS = "kantong"
DEFAULTS = {
    "desil_maks": 2,            # poor = desil 1..desil_maks
    "eps_m": 250.0,             # neighbourhood radius in metres
    "min_titik": 10,            # poor households needed within eps_m to start a pocket
    "buffer_m": 50.0,           # polygon = concave hull of the members + this buffer
    "persen_miskin_min": 70.0,  # keep pockets where poor households are at least this share
}


def run(conn, run_id: int, params: dict, progress=no_progress) -> dict:
    """Write the pockets of ``run_id`` to analisis_kantong; returns the run summary."""
    progress("zona UTM", 0.0)
    sqlfiles.run(conn, "analysis/zones")
    progress("rumah tangga miskin", 0.1)
    sqlfiles.run(conn, "analysis/pockets_points", params)
    progress("DBSCAN", 0.3)
    sqlfiles.run(conn, "analysis/cluster_polygons", params)
    progress("poligon kantong", 0.7)
    sqlfiles.run(conn, "analysis/pockets_insert", {**params, "run_id": run_id})
    progress("selesai", 1.0)
    return sqlfiles.fetch_all(conn, "analysis/pockets_summary", {"run_id": run_id})[0]
