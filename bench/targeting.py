"""Detection power of the poverty-pocket methods (issue #21): DBSCAN + share filter, Gi* hot
spots and the Bernoulli spatial scan, on households made by ``bench.targeting_data`` (its own
model, planted pockets of 5-80 poor households) inside real boundaries.

    .venv/bin/python -m bench.targeting                              # 85,000 (Lampung Barat) and 1,000,000 (Lampung)
    .venv/bin/python -m bench.targeting --sizes 85000 --db postgresql://sasaran@127.0.0.1:54329/bench_targeting
                                      # (databases bench_targeting_<size>, dropped and recreated)
    .venv/bin/python -m bench.targeting --sizes 85000 --no-load     # again on the database of the last run

For each method: recall per pocket size (a planted pocket is found when one reported pocket holds
at least half of its poor households), recall of the pockets with >= 10 poor and a poor share >=
60 % (target >= 0.9), the share of reported pockets that are not planted (a reported pocket is a
planted one when at least half of its poor households belong to planted pockets; target <= 0.2),
and the wall time of the analysis (and the CPU seconds of the Python process, which the other
work on a shared machine does not inflate) with the load average. Gi*: adjacent hot cells form one reported
pocket. One table is printed and written to bench/results/targeting.md.
"""
import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path

import psycopg

from bench.common import ROOT, WORK, log
from bench.dataset import PROVINCE_BOUNDARIES, prepare
from bench.targeting_data import POCKET_SIZES, generate, read_villages, write

KABUPATEN_BOUNDARIES = ROOT / "data" / "boundaries" / "lampung_barat_18.04.geojson"
SEED = 770021                      # no test uses it
RESULTS = ROOT / "bench" / "results" / "targeting.md"
METHODS = {  # label -> (analysis, parameters, SQL of the reported pockets: id, geometry)
    "DBSCAN + persen miskin": ("kantong", {"metode": "dbscan"},
                               "SELECT kantong_id, geom FROM analisis_kantong WHERE run_id = %(run)s"),
    "Gi* (sel 1 km, FDR 5 %)": ("hotspot", {}, """
        SELECT min(sel_id), ST_Union(geom) FROM (
            SELECT sel_id, geom, ST_ClusterDBSCAN(geom, 0, 1) OVER () AS grup
            FROM analisis_hotspot WHERE run_id = %(run)s AND kelas = 'panas') c GROUP BY grup"""),
    "pindai (scan) Kulldorff": ("kantong", {"metode": "scan"},
                                "SELECT kantong_id, geom FROM analisis_kantong WHERE run_id = %(run)s"),
}


def dataset(households: int, boundaries: Path, seed: int) -> Path:
    """Generated once per size, boundaries and seed (cached under var/bench)."""
    folder = WORK / f"targeting_{boundaries.stem}_{households}_{seed}"
    if not (folder / "pockets.json").exists():
        log(f"membangkitkan {households:,} rumah tangga dengan kantong tertanam -> {folder}")
        villages = read_villages(boundaries)
        write(generate(villages, households, seed), villages, folder, seed)
    return folder


def load(url: str, boundaries: Path, folder: Path) -> None:
    from spatial.importer.registry import import_households
    prepare(url, boundaries)
    log("impor rumah tangga")
    import_households(folder / "households.csv", url=url)


def evaluate(url: str, sql: str, run_id: int, truth: dict) -> dict:
    """Recall per size class and the share of reported pockets that are not planted."""
    pocket_of = truth["pocket_of"]
    with psycopg.connect(url) as conn:
        rows = conn.execute(f"""
            WITH r AS ({sql})
            SELECT r.id, h.id_keluarga FROM r AS r(id, geom)
            JOIN rumah_tangga h ON h.aktif AND ST_Intersects(h.geom, r.geom) AND h.desil <= 2""",
                            {"run": run_id}).fetchall()
        reported = conn.execute(f"SELECT count(*) FROM ({sql}) r", {"run": run_id}).fetchone()[0]
    poor_in = defaultdict(list)
    for rid, household in rows:
        poor_in[rid].append(pocket_of.get(household, -1))
    pockets = {p["id"]: p for p in truth["pockets"]}
    found = set()
    for members in poor_in.values():
        for pid in set(members) - {-1}:
            if members.count(pid) >= 0.5 * pockets[pid]["poor"]:
                found.add(pid)
    not_planted = sum(1 for m in poor_in.values() if sum(p >= 0 for p in m) < 0.5 * len(m)) + (reported - len(poor_in))
    recall = {}
    for size in POCKET_SIZES:
        ids = [p for p in pockets.values() if p["poor"] == size]
        recall[size] = (sum(p["id"] in found for p in ids), len(ids))
    target = [p for p in pockets.values() if p["poor"] >= 10 and p["share"] >= 0.6]
    return {"reported": reported, "not_planted": not_planted, "recall": recall,
            "target": (sum(p["id"] in found for p in target), len(target))}


def detectability(url: str, truth: dict, summary: dict) -> str:
    """Why small pockets are missed: the log-likelihood ratio of each planted pocket's own households
    against its kabupaten (the best any circle around it could score) beside the ratio a cluster
    needs for p <= 0.05 there (95th percentile of the Monte Carlo maxima)."""
    from spatial.analysis.scan.likelihood import llr_bernoulli
    with psycopg.connect(url) as conn:
        totals = {k: (n, c) for k, n, c in conn.execute(
            "SELECT kode_kab, count(*), count(*) FILTER (WHERE desil <= 2) FROM rumah_tangga "
            "WHERE aktif AND geom IS NOT NULL GROUP BY 1")}
    critical = [v["llr_kritis"] for v in summary.get("per_kabupaten", {}).values() if v.get("llr_kritis")]
    lines = ["| miskin per kantong | kantong | rasio (LLR) kantong: min / median / maks | LLR kritis (p <= 0,05) |",
             "| --- | --- | --- | --- |"]
    for size in POCKET_SIZES:
        values = sorted(float(llr_bernoulli(p["households"], p["poor"], *totals[p["kode_desa"][:5]]))
                        for p in truth["pockets"] if p["poor"] == size and p["kode_desa"][:5] in totals)
        if values:
            lines.append(f"| {size} | {len(values)} | {values[0]:.1f} / {values[len(values) // 2]:.1f} / {values[-1]:.1f} | "
                         f"{min(critical, default=0):.1f}-{max(critical, default=0):.1f} |")
    return "\n".join(lines)


def measure(url: str, truth: dict) -> list:
    from spatial.analysis import run_analysis
    rows = []
    for label, (jenis, params, sql) in METHODS.items():
        log(f"{label}")
        started, cpu = time.perf_counter(), time.process_time()
        result = run_analysis(jenis, params, url=url)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        rows.append({"method": label, "seconds": seconds, "cpu": cpu, "load": os.getloadavg(), "summary": result.ringkasan,
                     **evaluate(url, sql, result.run_id, truth)})
    return rows


def table(results: dict) -> str:
    head = ("| rumah tangga | metode | detik | detik CPU Python | load avg | dilaporkan | bukan tertanam | "
            + " | ".join(f"recall {s}" for s in POCKET_SIZES) + " | recall >=10 & >=60 % |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for households, rows in results.items():
        for r in rows:
            share = r["not_planted"] / r["reported"] if r["reported"] else 0.0
            hit, total = r["target"]
            lines.append(
                f"| {households:,} | {r['method']} | {r['seconds']:.0f} | {r['cpu']:.0f} | {r['load'][0]:.1f} | "
                f"{r['reported']} | "
                f"{share:.2f}{' (target <= 0.2: ' + ('ya' if share <= 0.2 else 'TIDAK') + ')'} | "
                + " | ".join(f"{a}/{b}" for a, b in (r["recall"][s] for s in POCKET_SIZES))
                + f" | {hit / max(total, 1):.2f} ({hit}/{total}; {'ya' if hit >= 0.9 * total else 'TIDAK'}) |")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="85000,1000000", help="household counts, comma-separated")
    parser.add_argument("--db", default=os.environ.get("BENCH_DATABASE_URL",
                                                       "postgresql://sasaran@127.0.0.1:54329/bench_targeting"))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-load", action="store_true", help="reuse the database loaded by the previous run")
    args = parser.parse_args(argv)
    results, notes = {}, []
    for households in (int(s) for s in args.sizes.split(",")):
        boundaries = KABUPATEN_BOUNDARIES if households <= 200_000 else PROVINCE_BOUNDARIES
        folder = dataset(households, boundaries, args.seed)
        url = f"{args.db}_{households}"  # one database per size
        if not args.no_load:
            load(url, boundaries, folder)
        truth = json.loads((folder / "pockets.json").read_text())
        results[households] = measure(url, truth)
        scan_summary = next(r["summary"] for r in results[households] if r["summary"].get("metode") == "scan")
        notes.append(f"{households:,} rumah tangga ({boundaries.name}):\n\n{detectability(url, truth, scan_summary)}")
        print(table({households: results[households]}) + "\n\n" + notes[-1], flush=True)
    text = table(results) + "\n\nDaya deteksi yang mungkin:\n\n" + "\n\n".join(notes)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(f"# Daya deteksi kantong kemiskinan (bench/targeting.py, seed {args.seed})\n\n{text}\n")
    print(text)


if __name__ == "__main__":
    main()
