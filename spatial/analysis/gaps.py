"""Sanitation and clean-water gaps: access per household (at home, or a functioning facility
within a radius in metres), clusters of unserved households, villages ranked by gap; per kabupaten."""
from spatial import sqlfiles
from spatial.analysis.common import no_progress
from spatial.analysis.regions import Kabupaten
from spatial.codelists import FACILITY_TYPES

JENIS = "celah"
LAYANAN = ("air", "sanitasi")
DEFAULTS = {
    "radius_air_m": 500.0,        # a functioning public water point within this distance serves
    "radius_sanitasi_m": 300.0,   # an MCK/IPAL komunal within this distance serves
    "eps_m": 250.0,               # DBSCAN radius of unserved clusters
    "min_titik": 10,              # unserved households needed within eps_m
    "buffer_m": 50.0,
}


def facility_types(layanan: str) -> list[str]:
    """Facility type codes providing ``layanan`` ('air' or 'sanitasi'), from spatial.codelists."""
    return sorted(code for code, service in FACILITY_TYPES.items() if service == layanan)


def run(conn, run_id: int, params: dict, kab: Kabupaten, progress=no_progress) -> dict:
    """Write access, unserved clusters and the village ranking of kabupaten ``kab`` for ``run_id``;
    returns the summary. Its households are served by functioning facilities of any kabupaten."""
    query = {**params, **kab.params(), "run_id": run_id}
    progress("jarak ke fasilitas (KNN)", 0.0)
    sqlfiles.run(conn, "analysis/gaps_access", {**query, "jenis_air": facility_types("air"),
                                      "jenis_sanitasi": facility_types("sanitasi")})
    for n, layanan in enumerate(LAYANAN):
        progress(f"klaster tak terlayani ({layanan})", 0.5 + 0.2 * n)
        sqlfiles.run(conn, "analysis/gaps_points", {**query, "layanan": layanan})
        sqlfiles.run(conn, "analysis/cluster_polygons", query)
        sqlfiles.run(conn, "analysis/gaps_clusters_insert", {"run_id": run_id, "layanan": layanan})
    progress("peringkat desa", 0.9)
    sqlfiles.run(conn, "analysis/gaps_villages_insert", {"run_id": run_id})
    return sqlfiles.fetch_all(conn, "analysis/gaps_summary", {"run_id": run_id})[0]
