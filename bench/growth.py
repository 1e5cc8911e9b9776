"""Benchmark: child measurements of a large kabupaten's year imported and aggregated.

Generates the synthetic registry of Lampung Barat (136 villages) with enough households that their
children give about ``--rows`` measurements (spatial/synthetic/children.py: three weighing months),
loads boundaries and households into its own database ``<DATABASE_URL database>_bench_gizi``
(dropped and re-created), then measures, each in a fresh Python process (its peak memory):

- the import of the measurement file (checks, WHO z-scores, upsert, village figures per month),
  with the seconds of each step (``ImportResult.phases``: ``z_skor`` is the WHO computation);
- the same file again (an upsert that changes nothing);
- the aggregation a page asks for: village figures of the newest month with Empirical Bayes rates
  and the anonymity rule, the bivariate classes, and the stunting lokus evidence.

The analyses an import re-runs afterwards (RTLH scores, gaps) are not part of the figures: they
belong to the household benchmarks. The load average is printed with every figure: on a shared
machine the seconds are noisy.

    DATABASE_URL=postgresql://sasaran@127.0.0.1:54329/sasaran .venv/bin/python -m bench.growth --rows 100000
"""
import argparse
import json
import os
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import run_python  # noqa: E402
from bench.dataset import fresh_beside  # noqa: E402
from spatial.boundaries import load_boundaries  # noqa: E402
from spatial.importer.registry import import_households  # noqa: E402
from spatial.migrate import migrate  # noqa: E402
from spatial.sample import SAMPLE_BOUNDARIES  # noqa: E402
from spatial.settings import database_url  # noqa: E402

MEASUREMENTS_PER_HOUSEHOLD = 0.98   # of the generator (measured on the 6,000-household sample)

IMPORT_CODE = """
import json, sys
from spatial.growth.imports import import_measurements
result = import_measurements(sys.argv[1], url=sys.argv[2])
print(json.dumps({"seconds": result.seconds, "rows": result.rows, "added": result.inserted,
                  "changed": result.updated, "unchanged": result.unchanged, "rejected": result.rejected,
                  "warned": result.warned, "phases": result.phases}))
"""
AGGREGATE_CODE = """
import json, sys, time
import psycopg
from psycopg.rows import dict_row
from spatial.growth import convergence, indicators, lokus
started = time.perf_counter()
with psycopg.connect(sys.argv[1], row_factory=dict_row) as conn:
    month = indicators.periods(conn, None)[0]
    rows = indicators.village_figures(conn, month, None, False)
    convergence.classify(rows, indicators.load_config())
    found, _ = lokus.evidence(conn, month.year, None, False)
print(json.dumps({"seconds": time.perf_counter() - started, "villages": len(rows), "month": month.isoformat(),
                  "measured": sum(1 for r in found.values() if r["bukti"] == "terukur")}))
"""


def files(rows: int, seed: int) -> Path:
    """Generator output sized for ``rows`` measurements (cached under var/bench)."""
    from spatial.synthetic import generate

    households = int(rows / MEASUREMENTS_PER_HOUSEHOLD)
    folder = ROOT / "var" / "bench" / f"gizi_{households}_{seed}"
    if not (folder / "children.csv").exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate(SAMPLE_BOUNDARIES, folder, households=households, seed=seed)
    return folder


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="about this many measurements")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--db", default=None, help="server URL (default DATABASE_URL)")
    args = parser.parse_args()
    url = fresh_beside(args.db or database_url(), "_bench_gizi")
    folder = files(args.rows, args.seed)
    migrate(url)
    load_boundaries(str(SAMPLE_BOUNDARIES), url=url, source=SAMPLE_BOUNDARIES.name)
    households = import_households(folder / "households.csv", url=url)
    print(f"rumah tangga dimuat: {households.inserted:,} ({load()})")
    env = {"PYTHONPATH": str(ROOT)}
    for label in ("impor pertama", "impor ulang (tanpa perubahan)"):
        _seconds, peak, out = run_python(IMPORT_CODE, folder / "children.csv", url, env=env)
        result = json.loads(out.splitlines()[-1])
        print(f"{label}: {result['rows']:,} baris dalam {result['seconds']:.1f} s "
              f"({result['rows'] / result['seconds']:,.0f} baris/s), puncak memori proses {peak:.0f} MB; "
              f"{result['added']:,} baru, {result['changed']:,} diubah, {result['unchanged']:,} tetap, "
              f"{result['rejected']:,} ditolak, {result['warned']:,} peringatan ({load()})")
        steps = {k: v for k, v in result["phases"].items() if v >= 0.05}
        print("  detik per tahap: " + ", ".join(f"{k} {v}" for k, v in steps.items()))
    _seconds, peak, out = run_python(AGGREGATE_CODE, url, env=env)
    figures = json.loads(out.splitlines()[-1])
    print(f"agregasi (angka desa {figures['month'][:7]}, Empirical Bayes, anonimitas, kelas bivariat, bukti lokus): "
          f"{figures['seconds']:.2f} s untuk {figures['villages']} desa ({figures['measured']} terukur), "
          f"puncak memori proses {peak:.0f} MB ({load()})")


if __name__ == "__main__":
    main()
