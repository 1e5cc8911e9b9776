"""Sanitation and clean-water gaps: access per household (at home, or a functioning facility
within a radius in metres), clusters of unserved households, villages ranked by gap (an unserved
keluarga berisiko stunting weighs ``bobot_krs``); per kabupaten."""
import io

import numpy as np
import pandas as pd

from spatial import anonymity, sqlfiles
from spatial.analysis.common import no_progress
from spatial.analysis.nearest import Points
from spatial.analysis.regions import Kabupaten
from spatial.codelists import FACILITY_TYPES
from spatial.growth.indicators import load_config as growth_config

JENIS = "celah"
LAYANAN = ("air", "sanitasi")
DEFAULTS = {
    "radius_air_m": 500.0,        # a functioning public water point within this distance serves
    "radius_sanitasi_m": 300.0,   # an MCK/IPAL komunal within this distance serves
    "eps_m": 250.0,               # DBSCAN radius of unserved clusters
    "min_titik": 10,              # unserved households needed within eps_m
    "buffer_m": 50.0,
    "bobot_krs": 2.0,             # an unserved keluarga berisiko stunting counts this often in the village ranking
}


def facility_types(layanan: str) -> list[str]:
    """Facility type codes providing ``layanan`` ('air' or 'sanitasi'), from spatial.codelists."""
    return sorted(code for code, service in FACILITY_TYPES.items() if service == layanan)


def located_households(conn, kab: Kabupaten) -> pd.DataFrame:
    """kode_prov, id, lon, lat of every active household with a point in kabupaten ``kab``
    (analysis/gaps_households)."""
    csv = io.BytesIO()
    with conn.cursor().copy(sqlfiles.statements("analysis/gaps_households")[0], kab.params()) as copy:
        for block in copy:
            csv.write(block)
    columns = {"kode_prov": str, "id": np.int64, "lon": float, "lat": float}
    if not csv.tell():  # no located household: read_csv refuses an empty file
        return pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in columns.items()})
    csv.seek(0)
    return pd.read_csv(csv, header=None, names=list(columns), dtype=columns)


def write_distances(conn, kab: Kabupaten) -> None:
    """Temporary table _jarak: the distance in metres of every located active household of ``kab``
    to the nearest functioning facility of each service, in any kabupaten (NaN without such a
    facility), for analysis/gaps_access."""
    homes = located_households(conn, kab)
    points = Points(homes["lon"].to_numpy(), homes["lat"].to_numpy())
    metres = []
    for layanan in LAYANAN:
        sites = sqlfiles.fetch_one(conn, "analysis/gaps_facilities", {"jenis": facility_types(layanan)})
        assert sites is not None  # an aggregate always returns its row
        metres.append(points.nearest_m(np.asarray(sites["lon"], dtype=float), np.asarray(sites["lat"], dtype=float)))
    sqlfiles.run(conn, "analysis/gaps_distances")
    with conn.cursor().copy(sqlfiles.statements("analysis/gaps_distances_copy")[0]) as copy:
        copy.set_types(["text", "int8", "float8", "float8"])
        for row in zip(homes["kode_prov"].tolist(), homes["id"].tolist(), *(m.tolist() for m in metres)):
            copy.write_row(row)


def run(conn, run_id: int, params: dict, kab: Kabupaten, progress=no_progress) -> dict:
    """Write access, unserved clusters and the village ranking of kabupaten ``kab`` for ``run_id``;
    returns the summary. Its households are served by functioning facilities of any kabupaten."""
    query = {**params, **kab.params(), "run_id": run_id}
    progress("jarak ke fasilitas terdekat", 0.0)
    write_distances(conn, kab)
    sqlfiles.run(conn, "analysis/gaps_access", query)
    for n, layanan in enumerate(LAYANAN):
        progress(f"klaster tak terlayani ({layanan})", 0.5 + 0.2 * n)
        sqlfiles.run(conn, "analysis/gaps_points", {**query, "layanan": layanan})
        sqlfiles.run(conn, "analysis/cluster_polygons", query)
        sqlfiles.run(conn, "analysis/gaps_clusters_insert", {"run_id": run_id, "layanan": layanan})
    progress("peringkat desa", 0.9)
    sqlfiles.run(conn, "analysis/gaps_villages_insert", {"run_id": run_id, "bobot_krs": params["bobot_krs"],
                                                          "bulan_krs": growth_config()["data"]["bulan_krs"],
                                                          "k": anonymity.K})
    return sqlfiles.fetch_all(conn, "analysis/gaps_summary", {"run_id": run_id})[0]
