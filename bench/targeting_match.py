"""Benchmark (issue #24): 500,000 recipient rows matched against 1,000,000 households.

Generates (once, cached in var/bench) 1,000,000 households over all of Lampung, loads them into
its own database, writes one recipient file of ``--recipients`` rows (the BPNT and PBI-JK lists of
spatial/synthetic/recipients.py: family id + NIK, NIK only, name only in another spelling, a
mistyped NIK, families not in the registry, the same NIK in another village), then imports it with
``import_recipients`` in a child process: seconds per step (the match by family id, NIK, then
name + village is ``cocok``), rows per way of matching, peak RSS of the importing process. Then
the village figures of one programme (``sasaran_ketepatan`` over the million households) and the
exclusion hot spots. Prints the load average before and after (a shared machine: re-measure on a
quiet one).

    .venv/bin/python -m bench.targeting_match [--households 1000000] [--recipients 500000] [--db URL] [--reuse]
"""
import argparse
import json
import os

import numpy as np
import pandas as pd
import psycopg

from bench.common import WORK, log, run_python
from bench.dataset import generated, prepare
from spatial.importer.registry import import_households
from spatial.settings import database_url
from spatial.synthetic.recipients import make_list, planted_villages, read_households

IMPORT_CODE = """
import json, resource, sys, time
from spatial.targeting.recipients import import_recipients
started = time.perf_counter()
result = import_recipients(sys.argv[1], url=sys.argv[2])
print(json.dumps({"detik": time.perf_counter() - started, "baris": result.rows, "baru": result.inserted,
                  "cocok": result.details.get("cocok", {}),
                  "ditolak": result.rejected, "tahap": result.phases,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""
FIGURES_CODE = """
import json, resource, sys, time
import psycopg
from spatial.targeting import accuracy
from spatial.targeting.hotspots import run_hotspots
with psycopg.connect(sys.argv[2]) as conn:
    started = time.perf_counter()
    report = accuracy.report(conn, "bpnt", "2026", None, personal=False)
    villages = time.perf_counter() - started
started = time.perf_counter()
summary = run_hotspots(sys.argv[2], oleh="bench")
print(json.dumps({"desa_detik": villages, "desa": len(report["desa"]), "eksklusi_detik": time.perf_counter() - started,
                  "klaster": {k: sum(v["klaster"] for v in p["per_kabupaten"].values())
                              for k, p in summary["program"].items()},
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def _load() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def recipients_file(folder, rows: int, seed: int):
    """One file of ``rows`` recipient rows in the documented columns (cached beside the households)."""
    path = WORK / f"penerima_{folder.name}_{rows}.csv"
    if path.exists():
        return path
    households = read_households(folder / "households.csv")
    villages = planted_villages(np.random.default_rng([seed, 24]), households)
    parts = []
    for code in ("bpnt", "pbi_jk"):
        table, _truth = make_list(households, code, seed, villages)
        parts.append(pd.DataFrame({"program": code, "periode": "2026", "id_keluarga": table["id_out"],
                                   "nik_kepala": table["nik_out"], "nama_kepala": table["nama_out"],
                                   "kode_desa": table["kode_desa"], "alamat": table["alamat"], "nilai": ""}))
    table = pd.concat(parts, ignore_index=True).head(rows)
    if len(table) < rows:
        raise SystemExit(f"hanya {len(table):,} baris penerima dari {len(households):,} rumah tangga")
    table.to_csv(path, index=False, lineterminator="\n")
    return path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.targeting_match", description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--recipients", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--db", default=None, help="benchmark database URL (name starting with bench)")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded households of an earlier run")
    args = parser.parse_args(argv)
    base = database_url()
    url = args.db or base.rsplit("/", 1)[0] + "/bench_tepat_sasaran"
    folder = generated(args.households, args.seed)
    print(f"sebelum: {_load()}")
    if not args.reuse:
        log(f"{prepare(url)} desa dimuat; memuat {args.households:,} rumah tangga")
        import_households(folder / "households.csv", url=url)
    else:
        with psycopg.connect(url) as conn:
            conn.execute("TRUNCATE penerima_bantuan, cek_ulang")
    path = recipients_file(folder, args.recipients, args.seed)
    log(f"mengimpor {args.recipients:,} baris penerima dari {path.name}")
    wall, _rss, out = run_python(IMPORT_CODE, path, url)
    result = json.loads(out.strip().splitlines()[-1])
    print(f"impor {result['baris']:,} baris penerima vs {args.households:,} rumah tangga: {result['detik']:.1f} s "
          f"({result['baris'] / result['detik']:,.0f} baris/s), {result['ditolak']} ditolak, "
          f"RSS puncak {result['rss_mb']} MB; {_load()}")
    print("detik per tahap: " + ", ".join(f"{k} {v}" for k, v in result["tahap"].items()))
    print("cara cocok: " + json.dumps(result["cocok"]))
    wall, _rss, out = run_python(FIGURES_CODE, path, url)
    figures = json.loads(out.strip().splitlines()[-1])
    print(f"angka {figures['desa']} desa (BPNT): {figures['desa_detik']:.1f} s; titik panas eksklusi semua program: "
          f"{figures['eksklusi_detik']:.1f} s, klaster {figures['klaster']}; RSS puncak {figures['rss_mb']} MB")
    print(f"sesudah: {_load()}")


if __name__ == "__main__":
    main()
