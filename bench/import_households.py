"""Benchmark: import 1,000,000 households over all of Lampung (2,640 villages), end to end.

Prints rows/s of Sasaran's importer (sniffing, COPY, validation, village assignment, upsert, in one
transaction), the peak RSS of the importing Python process, and the same file loaded by plain
``psql \\copy`` into a bare table of text columns (the physical baseline), with their ratio.
Then re-imports the same file (an upsert that changes nothing).

    .venv/bin/python bench/import_households.py [--households 1000000] [--file households.csv] [--profile]

``--profile`` also prints the seconds of each step of both imports (``ImportResult.phases``).
Every run prints the value step (``nilai``: matching the code-list cells not written exactly as an
entry, issue #17) as a share of the import time; ``--foreign`` also imports the same households
written as another office would (spatial/synthetic/foreign.py: about 60 % of the code-list cells
in other spellings), the worst case for that step; ``--misplaced`` imports it with ~7 % of the households declaring another
village than their point's and ~1 % at sea (spatial/synthetic/misplaced.py), the location step's
worst case (a million such rows sat in that step for more than 22 minutes). The load average is printed with the figures
(the machine may be shared: compare against the floor printed in the same run).

Last, the floor: the imported households written once more as a plain table and given the indexes
``rumah_tangga`` has, with no check, no location, no upsert. Any import of this file into this
schema costs at least that on top of reading the file (``psql \\copy``).

Uses its own database ``<DATABASE_URL database>_bench_import`` (dropped and re-created).
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.dataset import fresh_beside  # noqa: E402
from bench.loading import floor_seconds, psql_copy_seconds  # noqa: E402
from spatial.boundaries import load_boundaries  # noqa: E402
from spatial.settings import database_url  # noqa: E402
from spatial.migrate import migrate  # noqa: E402

LAMPUNG = ROOT.parent / "shared" / "data" / "boundaries" / "lampung_18.geojson"
TARGET_RATE, TARGET_RATIO = 100_000, 0.3
# The import runs in a child process so that its peak RSS is measured alone.
IMPORT_CODE = """
import json, resource, sys, time
from spatial.importer.registry import import_households
started = time.perf_counter()
result = import_households(sys.argv[1], url=sys.argv[2])
print(time.perf_counter() - started, result.rows, result.inserted, result.updated, result.unchanged, result.rejected,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
print(json.dumps(result.phases))
"""


def sample_file(households: int, seed: int) -> Path:
    """Generator output for all of Lampung (cached under var/bench)."""
    from spatial.synthetic import generate

    folder = ROOT / "var" / "bench" / f"lampung_{households}_{seed}"
    if not (folder / "households.csv").exists():
        folder.mkdir(parents=True, exist_ok=True)
        generate(LAMPUNG, folder, households=households, seed=seed)
    return folder / "households.csv"


def run_import(url: str, path: Path) -> tuple[list, dict]:
    """(seconds, rows, inserted, updated, unchanged, rejected, peak MB) and the seconds per step."""
    out = subprocess.run([sys.executable, "-c", IMPORT_CODE, str(path), url], cwd=ROOT, check=True,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    figures, phases = out.splitlines()[-2:]
    seconds, *counts = figures.split()
    return [float(seconds)] + [int(c) for c in counts], json.loads(phases)


def foreign_file(path: Path, seed: int) -> Path:
    """The households of ``path`` as another office writes them (cached beside it)."""
    from spatial.synthetic.foreign import write_foreign

    target = path.with_name("households_foreign.csv")
    if not target.exists():
        write_foreign(path.parent, seed, names=("households",))
    return target


def misplaced_file(path: Path, seed: int) -> Path:
    """The households of ``path`` with ~7 % declaring another village than their point's and ~1 %
    at sea (cached beside it)."""
    from spatial.synthetic.misplaced import write_misplaced

    target = path.with_name("households_misplaced.csv")
    if not target.exists():
        write_misplaced(path.parent, seed)
    return target


def print_value_step(label: str, phases: dict, seconds: float) -> None:
    """The value step's seconds and share of the import (target: at most 10 %), with the load."""
    value_s = phases.get("nilai", 0.0)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  value step ({label}): {value_s:.2f} s = {100 * value_s / seconds:.1f} % of the import "
          f"(target <= 10 %); check {phases.get('periksa', 0.0):.1f} s; load average {load}")


def print_phases(label: str, phases: dict) -> None:
    print(f"  {label}: " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in phases.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--file", type=Path, help="an existing household CSV instead of generating one")
    parser.add_argument("--profile", action="store_true", help="print the seconds of each import step")
    parser.add_argument("--foreign", action="store_true",
                        help="also import the file as another office writes it (value step worst case)")
    parser.add_argument("--misplaced", "--salah-desa", dest="misplaced", action="store_true",
                        help="also import the file with ~7 %% of the households declaring another village than "
                             "their point's and ~1 %% at sea (location step worst case)")
    args = parser.parse_args()
    path = args.file or sample_file(args.households, args.seed)
    url = fresh_beside(database_url(), "_bench_import")
    migrate(url)
    load_boundaries(str(LAMPUNG), url=url, source=LAMPUNG.name)
    size_mb = path.stat().st_size / 1e6
    copy_s = psql_copy_seconds(url, path)
    (seconds, rows, inserted, updated, unchanged, rejected, peak_mb), first_phases = run_import(url, path)
    (again_s, *again), again_phases = run_import(url, path)
    rate, copy_rate = rows / seconds, rows / copy_s
    print(f"file: {path} ({size_mb:,.0f} MB, {rows:,} data rows, 2,640 villages)")
    print(f"psql \\copy into a bare table: {copy_s:7.1f} s  {copy_rate:12,.0f} rows/s")
    print(f"Sasaran import (first):        {seconds:7.1f} s  {rate:12,.0f} rows/s  "
          f"({inserted:,} added, {rejected:,} rejected), peak RSS {peak_mb} MB")
    print(f"ratio import / raw copy:       {rate / copy_rate:7.2f}   (target >= {TARGET_RATIO})")
    print(f"target >= {TARGET_RATE:,} rows/s:      {'met' if rate >= TARGET_RATE else 'NOT met'}")
    print(f"re-import, same file:          {again_s:7.1f} s  {rows / again_s:12,.0f} rows/s  "
          f"({again[2]:,} changed, {again[3]:,} unchanged), peak RSS {again[5]} MB")
    print_value_step("first", first_phases, seconds)
    print_value_step("again", again_phases, again_s)
    if args.profile:
        print("seconds per step:")
        print_phases("first", first_phases)
        print_phases("again", again_phases)
    if args.foreign:
        foreign = foreign_file(path, args.seed)
        url = fresh_beside(database_url(), "_bench_import")
        migrate(url)
        load_boundaries(str(LAMPUNG), url=url, source=LAMPUNG.name)
        (f_s, f_rows, f_added, _, _, f_rejected, f_mb), f_phases = run_import(url, foreign)
        print(f"foreign-office spelling:       {f_s:7.1f} s  {f_rows / f_s:12,.0f} rows/s  "
              f"({f_added:,} added, {f_rejected:,} rejected), peak RSS {f_mb} MB")
        print_value_step("foreign", f_phases, f_s)
        if args.profile:
            print_phases("foreign", f_phases)
    if args.misplaced:
        url = fresh_beside(database_url(), "_bench_import")
        migrate(url)
        load_boundaries(str(LAMPUNG), url=url, source=LAMPUNG.name)
        (m_s, m_rows, m_added, _, _, m_rejected, m_mb), m_phases = run_import(url, misplaced_file(path, args.seed))
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"villages not matching points:  {m_s:7.1f} s  {m_rows / m_s:12,.0f} rows/s  "
              f"({m_added:,} added, {m_rejected:,} rejected); location step {m_phases.get('tempat', 0):.1f} s "
              f"(matching file {first_phases.get('tempat', 0):.1f} s); load average {load}")
        if args.profile:
            print_phases("misplaced", m_phases)
    write_s, index_s, indexes = floor_seconds(url)
    floor_s = copy_s + write_s + index_s
    print(f"floor, no checks at all:       {floor_s:7.1f} s  {rows / floor_s:12,.0f} rows/s  "
          f"(\\copy {copy_s:.1f} + write the table {write_s:.1f} + its {indexes} indexes {index_s:.1f}; "
          f"ratio {copy_s / floor_s:.2f} of raw copy); load average "
          + ", ".join(f"{x:.1f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
