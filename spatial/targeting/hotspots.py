"""Hot spots of exclusion: where eligible families are left out of a programme more than chance
allows, found with the significance machinery of the poverty pockets.

For each programme (its latest period) and kabupaten, the eligible households with a point are
the population and those not receiving are the cases of Kulldorff's Bernoulli scan statistic
(``spatial.analysis.scan``: circles up to ``maks_persen_rt`` % of the eligible households and
``maks_radius_m`` metres, Monte Carlo p-values from ``replikasi`` seeded relabellings). Where the
counts do not allow it (fewer than ``min_sasaran`` eligible households or ``min_keluar`` left out
in a kabupaten) nothing is tested and the summary says so. One run is a row of ``analisis_run``
(jenis ``eksklusi``) with its parameters; the clusters are rows of ``analisis_eksklusi``.
"""
import numpy as np

from spatial.analysis.runs import fail_run, finish_run, start_run
from spatial.analysis.scan import scan
from spatial.db import connect
from spatial.sqlfiles import fetch_all, fetch_rows, run
from spatial.targeting.programs import programs, sql_rules

JENIS = "eksklusi"
DEFAULTS = {
    "maks_persen_rt": 10.0,   # a circle holds at most this share of the kabupaten's eligible households (%)
    "maks_radius_m": 1000.0,
    "sel_m": 25.0,
    "replikasi": 999,
    "alpha": 0.05,
    "seed": 20262,
    "min_sasaran": 100,       # eligible households a kabupaten needs before it is tested
    "min_keluar": 10,         # ... and households left out
    "buffer_m": 50.0,
}


def _scan_programme(conn, code: str, periode: str, params: dict, stored: list) -> dict:
    rule = sql_rules([code])[0]
    rows = fetch_rows(conn, "targeting/hotspots_households", {
        "program": code, "periode": periode, "desil_maks": rule["desil_maks"], "komponen": rule["komponen"],
        "status_rumah": rule["status_rumah"], "nilai": rule["nilai"]})
    per_kab: dict[str, dict] = {}
    kab = [r[0] for r in rows]
    for name in sorted(set(kab)):
        part = [r for r in rows if r[0] == name]
        out = np.array([r[5] for r in part])
        summary: dict[str, object] = {"sasaran": len(part), "salah_keluar": int(out.sum()), "klaster": 0}
        if len(part) < params["min_sasaran"] or out.sum() < params["min_keluar"]:
            summary["catatan"] = "jumlah_tidak_cukup"
        else:
            result = scan(np.array([(r[3], r[4]) for r in part]), out, max_share=params["maks_persen_rt"] / 100,
                          max_radius_m=params["maks_radius_m"], replications=params["replikasi"], seed=params["seed"],
                          alpha=params["alpha"], cell_m=params["sel_m"])
            summary["klaster"] = len(result.clusters)
            stored += [(code, periode, name, part, c) for c in result.clusters]
        per_kab[name] = summary
    return per_kab


def _insert(conn, run_id: int, stored: list, params: dict) -> None:
    members: dict[str, list] = {"m_klaster": [], "m_prov": [], "m_id": []}
    stats: dict[str, list] = {k: [] for k in ("klaster", "program", "periode", "kab", "n", "c", "rr", "llr", "p",
                                              "radius")}
    for number, (code, periode, kab, part, cluster) in enumerate(stored, start=1):
        for i in cluster.members:
            members["m_klaster"].append(number)
            members["m_prov"].append(part[i][1])
            members["m_id"].append(part[i][2])
        rr = cluster.relative_risk if np.isfinite(cluster.relative_risk) else None
        for key, value in zip(stats, (number, code, periode, kab, cluster.households, cluster.poor, rr, cluster.llr,
                                      cluster.p_value, cluster.radius_m)):
            stats[key].append(value)
    run(conn, "targeting/hotspots_insert", {**members, **stats, "run_id": run_id, "buffer_m": params["buffer_m"]})


def run_hotspots(url: str | None = None, oleh: str = "sistem", parameter: dict | None = None) -> dict:
    """Scan every programme's latest period (see the module doc); returns the run's summary."""
    params = {**DEFAULTS, **(parameter or {})}
    with connect(url) as conn:
        run_id = start_run(conn, JENIS, params, oleh)
    try:
        with connect(url) as conn:
            run(conn, "analysis/zones")
            stored: list = []
            per_program: dict[str, dict] = {}
            summary = {"run_id": run_id, "program": per_program}
            for row in fetch_all(conn, "targeting/latest_periods"):
                if row["program"] in programs():
                    per_program[row["program"]] = {
                        "periode": row["periode"],
                        "per_kabupaten": _scan_programme(conn, row["program"], row["periode"], params, stored)}
            _insert(conn, run_id, stored, params)
            finish_run(conn, run_id, summary)
    except Exception as exc:
        fail_run(url, run_id, f"{type(exc).__name__}: {exc}")
        raise
    return summary


def layer(conn, code: str, periode: str, wilayah: str | None) -> dict:
    """The exclusion clusters of the latest run for one programme and period as GeoJSON
    (aggregates only), overlapping the user's region."""
    rows = fetch_all(conn, "targeting/hotspots_layer", {"program": code, "periode": periode, "wilayah": wilayah})
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": row.pop("geometry"), "properties": row} for row in rows]}
