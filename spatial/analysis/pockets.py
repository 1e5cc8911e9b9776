"""Poverty pockets: density clusters of poor households (ST_ClusterDBSCAN in UTM metres)."""
from spatial.analysis.common import fetch_dicts, no_progress, run_sql

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
    run_sql(conn, "zones.sql")
    progress("rumah tangga miskin", 0.1)
    run_sql(conn, "pockets_points.sql", params)
    progress("DBSCAN", 0.3)
    run_sql(conn, "cluster_polygons.sql", params)
    progress("poligon kantong", 0.7)
    run_sql(conn, "pockets_insert.sql", {**params, "run_id": run_id})
    progress("selesai", 1.0)
    return fetch_dicts(conn, "pockets_summary.sql", {"run_id": run_id})[0]
