"""Time and peak memory of each spatial analysis (issue #4) at province scale.

    .venv/bin/python -m bench.analysis [--households 1000000] [--seed 7] [--db URL] [--reuse]

Generates (once, cached under var/bench) the households of all Lampung
(/work/shared/data/boundaries/lampung_18.geojson) with spatial.synthetic, loads them into its own
database (bench_h4 by default: dropped and recreated unless --reuse finds it loaded), then runs
each ``python -m spatial analyse <group>`` in a fresh process and prints seconds and the peak
resident memory of that Python process (PostgreSQL's own memory is not included).
"""
import argparse
import json

import psycopg

from bench import dataset
from bench.common import PYTHON, log, run_measured, run_python

DEFAULT_DB = "postgresql://sasaran@127.0.0.1:54329/bench_h4"
GROUPS = ("scores", "pockets", "hotspots", "gaps", "siting")
LOAD_CODE = """
import sys
from spatial.importer.registry import import_facilities, import_households
from spatial.maintenance import optimise_households
r = import_households(sys.argv[1], url=sys.argv[3])
import_facilities(sys.argv[2], url=sys.argv[3])
optimise_households(sys.argv[3])
print(r.inserted)
"""


def loaded(url: str) -> int:
    """Active households in the benchmark database (0 when it does not exist)."""
    try:
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT count(*) FROM rumah_tangga WHERE aktif").fetchone()[0]
    except psycopg.Error:
        return 0


def summaries(url: str, first_id: int) -> dict:
    """Summary of every run made by this benchmark, by kind."""
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT jenis, ringkasan FROM analisis_run WHERE id > %s ORDER BY id", (first_id,)).fetchall()
    return {jenis: ringkasan for jenis, ringkasan in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--reuse", action="store_true", help="keep the database when it is already loaded")
    args = parser.parse_args()
    households = loaded(args.db) if args.reuse else 0
    if not households:
        folder = dataset.generated(args.households, args.seed)
        log(f"{dataset.prepare(args.db)} desa dimuat; impor rumah tangga dan fasilitas")
        seconds, peak, out = run_python(LOAD_CODE, folder / "households.csv", folder / "facilities.csv", args.db)
        households = loaded(args.db)
        log(f"impor {households:,} rumah tangga: {seconds:.0f} s, puncak {peak:.0f} MB")
    with psycopg.connect(args.db) as conn:
        first_id = conn.execute("SELECT COALESCE(max(id), 0) FROM analisis_run").fetchone()[0]
    rows = []
    for group in GROUPS:
        log(f"analyse {group}")
        seconds, peak, _ = run_measured([PYTHON, "-m", "spatial", "analyse", "-q", group], env={"DATABASE_URL": args.db})
        rows.append((group, seconds, peak))
    print(f"\nAnalisis spasial, {households:,} rumah tangga aktif ({args.db.rsplit('/', 1)[-1]})")
    print(f"{'analisis':<10} {'detik':>8} {'puncak MB':>10}")
    for group, seconds, peak in rows:
        print(f"{group:<10} {seconds:>8.1f} {peak:>10.0f}")
    print(f"{'total':<10} {sum(r[1] for r in rows):>8.1f}")
    print(json.dumps(summaries(args.db, first_id), indent=1, default=str))


if __name__ == "__main__":
    main()
