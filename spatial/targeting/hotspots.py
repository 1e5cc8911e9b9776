"""Hot spots of exclusion: where eligible families are left out of a programme more than chance
allows, found with the significance machinery of the poverty pockets.

For each programme (its latest period) and kabupaten, the eligible households with a point are
the population and those not receiving are the cases of Kulldorff's Bernoulli scan statistic
(``spatial.analysis.scan``: circles up to ``maks_persen_rt`` % of the eligible households and
``maks_radius_m`` metres, Monte Carlo p-values from ``replikasi`` seeded relabellings). Where the
counts do not allow it (fewer than ``min_sasaran`` eligible households or ``min_keluar`` left out
in a kabupaten) nothing is tested and the summary says so. As with the analyses, every run covers one
kabupaten (a row of ``analisis_run``, jenis ``eksklusi``, with its parameters); the clusters are rows
of ``analisis_eksklusi``, and the current ones are those of ``analisis_run_terkini('eksklusi')``.
"""
import numpy as np

from spatial import sqlfiles
from spatial.analysis.regions import Kabupaten
from spatial.analysis.runner import data_versions
from spatial.analysis.runs import count_rows, fail_run, finish_run, new_group, queue_run, start_run
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


def _households(conn, code: str, periode: str, kabupaten: list[Kabupaten]) -> dict[str, list]:
    """The eligible located households of one programme and period per kabupaten (one pass)."""
    rule = sql_rules([code])[0]
    rows = fetch_rows(conn, "targeting/hotspots_households", {
        "program": code, "periode": periode, "desil_maks": rule["desil_maks"], "komponen": rule["komponen"],
        "status_rumah": rule["status_rumah"], "nilai": rule["nilai"],
        "kode_kab": [k.kode_kab for k in kabupaten], "srid": [k.srid for k in kabupaten]})
    per_kab: dict[str, list] = {}
    for row in rows:
        per_kab.setdefault(row[0], []).append(row)
    return per_kab


def _scan(part: list, params: dict) -> tuple[dict, list]:
    """Scan one programme in one kabupaten: its summary and its clusters."""
    out = np.array([r[5] for r in part], dtype=bool)
    summary: dict[str, object] = {"sasaran": len(part), "salah_keluar": int(out.sum()), "klaster": 0}
    if len(part) < params["min_sasaran"] or out.sum() < params["min_keluar"]:
        summary["catatan"] = "jumlah_tidak_cukup"
        return summary, []
    result = scan(np.array([(r[3], r[4]) for r in part]), out, max_share=params["maks_persen_rt"] / 100,
                  max_radius_m=params["maks_radius_m"], replications=params["replikasi"], seed=params["seed"],
                  alpha=params["alpha"], cell_m=params["sel_m"])
    summary["klaster"] = len(result.clusters)
    return summary, result.clusters


def _insert(conn, run_id: int, kab: Kabupaten, stored: list, params: dict) -> None:
    members: dict[str, list] = {"m_klaster": [], "m_prov": [], "m_id": []}
    stats: dict[str, list] = {k: [] for k in ("klaster", "program", "periode", "n", "c", "rr", "llr", "p", "radius")}
    for number, (code, periode, part, cluster) in enumerate(stored, start=1):
        for i in cluster.members:
            members["m_klaster"].append(number)
            members["m_prov"].append(part[i][1])
            members["m_id"].append(part[i][2])
        rr = cluster.relative_risk if np.isfinite(cluster.relative_risk) else None
        for key, value in zip(stats, (number, code, periode, cluster.households, cluster.poor, rr, cluster.llr,
                                      cluster.p_value, cluster.radius_m)):
            stats[key].append(value)
    run(conn, "targeting/hotspots_insert", {**members, **stats, "run_id": run_id, "kode_kab": kab.kode_kab,
                                            "srid": kab.srid, "buffer_m": params["buffer_m"]})


def _queue(url: str | None, params: dict, oleh: str) -> tuple[list[Kabupaten], list[int]]:
    """One queued run per kabupaten with active households (committed: others see them)."""
    with connect(url) as conn:
        kabupaten = [Kabupaten(**row) for row in sqlfiles.fetch_all(conn, "analysis/kabupaten", {"wilayah": None})]
        versions = data_versions(conn, [k.kode_kab for k in kabupaten])
        kelompok = new_group(conn)
        return kabupaten, [queue_run(conn, JENIS, params, k.kode_kab, kelompok, oleh, versions.get(k.kode_kab))
                           for k in kabupaten]


def run_hotspots(url: str | None = None, oleh: str = "sistem", parameter: dict | None = None) -> dict:
    """Scan every programme's latest period in every kabupaten (see the module doc): one run per
    kabupaten, like the analyses; returns {"run_id": {kode_kab: id}, "program": {code: {"periode",
    "per_kabupaten": {kode_kab: summary}}}}."""
    params = {**DEFAULTS, **(parameter or {})}
    kabupaten, run_ids = _queue(url, params, oleh)
    per_program: dict[str, dict] = {}
    pending = dict(zip(run_ids, kabupaten))
    try:
        with connect(url) as conn:
            households = {row["program"]: (row["periode"], _households(conn, row["program"], row["periode"], kabupaten))
                          for row in fetch_all(conn, "targeting/latest_periods") if row["program"] in programs()}
        for run_id, kab in zip(run_ids, kabupaten):
            start_run(url, run_id)
            with connect(url) as conn:
                run(conn, "analysis/run_lock", {"jenis": JENIS, "kode_kab": kab.kode_kab})
                stored, summary = [], {}
                for code, (periode, per_kab) in households.items():
                    summary[code], clusters = _scan(per_kab.get(kab.kode_kab, []), params)
                    summary[code]["periode"] = periode
                    stored += [(code, periode, per_kab[kab.kode_kab], c) for c in clusters]
                    per_program.setdefault(code, {"periode": periode, "per_kabupaten": {}})
                    per_program[code]["per_kabupaten"][kab.kode_kab] = summary[code]
                _insert(conn, run_id, kab, stored, params)
                finish_run(conn, run_id, {"program": summary},
                           {"rumah_tangga": kab.rumah_tangga, **count_rows(conn, run_id, ("analisis_eksklusi",))})
            del pending[run_id]
    except Exception as exc:
        for run_id in pending:
            fail_run(url, run_id, f"{type(exc).__name__}: {exc}")
        raise
    return {"run_id": dict(zip((k.kode_kab for k in kabupaten), run_ids)), "program": per_program}


def layer(conn, code: str, periode: str, wilayah: str | None) -> dict:
    """The exclusion clusters of the latest run for one programme and period as GeoJSON
    (aggregates only), overlapping the user's region."""
    rows = fetch_all(conn, "targeting/hotspots_layer", {"program": code, "periode": periode, "wilayah": wilayah})
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": row.pop("geometry"), "properties": row} for row in rows]}
