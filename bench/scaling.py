"""How cost grows with the number of households (``bench.run_all --scale 100000,300000,...``).

For every size the province is generated (cached under var/bench), loaded into a fresh database and
measured part by part: the import with every check (seconds, peak MB of the importing process),
``spatial optimise``, each analysis (seconds summed over its per-kabupaten runs, from the run
records) and the whole ``analyse all`` (wall seconds, peak MB), and the 500 benchmark tiles drawn by
the app's own SQL on one connection (admin and viewer, seconds for the list). The growth exponent
of a part is the slope of log(time) against log(households) fitted over all sizes (1 = linear; the
table marks a part growing faster than ``LINEAR_LIMIT``). Written to bench/results/scaling.md,
scaling.csv and scaling.png (log-log plot shown in the README).
"""
import csv
import math
import os
import time
from pathlib import Path

import numpy as np
import psycopg

from bench import analyses, dataset, loading
from bench.common import ROOT, log, run_python
from bench.tiles import bare_fetch, timed_pass
from bench.tiles_list import fixed_tiles
from spatial.maintenance import optimise_households

RESULTS = ROOT / "bench" / "results"
LINEAR_LIMIT = 1.15  # a fitted exponent above this is growth faster than linear (noise allowance)


def measure_size(url: str, households: int, seed: int, boundaries: Path) -> dict:
    """Seconds (and peak MB) of every part at one size; keys are part names."""
    folder = dataset.generated(households, seed, boundaries)
    dataset.prepare(url, boundaries)
    log(f"pertumbuhan {households:,}: impor")
    started = time.perf_counter()
    _, peak, _ = run_python(loading.IMPORT_CODE, folder / "households.csv", folder / "facilities.csv", url)
    parts: dict = {"impor (semua pemeriksaan)": (time.perf_counter() - started, peak)}
    parts["optimise (CLUSTER + ANALYZE)"] = (optimise_households(url), None)
    log(f"pertumbuhan {households:,}: analisis")
    wall, peak, per_kind = analyses.run_all_kinds(url)
    for jenis, seconds in per_kind.items():
        parts[f"analisis {jenis}"] = (seconds, None)
    parts["analyse all (dinding)"] = (wall, peak)
    tile_list = fixed_tiles(boundaries)
    with psycopg.connect(url, autocommit=True, prepare_threshold=0) as conn:
        timed_pass(bare_fetch(conn, "admin"), tile_list)  # pages in memory, as bench/tiles.py
        for role in ("admin", "viewer"):
            took = timed_pass(bare_fetch(conn, role), tile_list)
            parts[f"500 tile SQL ({role})"] = (sum(took["times"]) / 1000, None)
    return {"households": households, "load": os.getloadavg()[0], "parts": parts}


def exponent(sizes: list, seconds: list) -> float | None:
    """Least-squares slope of log(seconds) on log(households); None with fewer than two sizes."""
    pairs = [(math.log(n), math.log(s)) for n, s in zip(sizes, seconds) if s and s > 0]
    if len(pairs) < 2:
        return None
    return float(np.polyfit([p[0] for p in pairs], [p[1] for p in pairs], 1)[0])


def table(results: list) -> str:
    """Markdown: one row per part, seconds (peak MB) per size, the exponent and its verdict."""
    sizes = [r["households"] for r in results]
    head = ["bagian"] + [f"{n:,} rt" for n in sizes] + ["eksponen", "hasil"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for part in results[0]["parts"]:
        cells, seconds = [part], []
        for r in results:
            s, peak = r["parts"].get(part, (None, None))
            seconds.append(s)
            cells.append("-" if s is None else f"{s:.1f} s" + (f" ({peak:.0f} MB)" if peak else ""))
        slope = exponent(sizes, seconds)
        cells += ["-" if slope is None else f"{slope:.2f}",
                  "" if slope is None else ("linear atau lebih baik" if slope <= LINEAR_LIMIT else "LEBIH DARI LINEAR")]
        lines.append("| " + " | ".join(cells) + " |")
    loads = ", ".join(f"{r['households']:,}: {r['load']:.1f}" for r in results)
    return "\n".join(lines) + f"\n\nLoad average at the end of each size: {loads}.\n"


def plot(results: list, path: Path) -> None:
    """Log-log plot of every part's seconds against households."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    sizes = [r["households"] for r in results]
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.set_prop_cycle(color=plt.get_cmap("tab20").colors[:len(results[0]["parts"])])
    for part in results[0]["parts"]:
        ax.loglog(sizes, [r["parts"].get(part, (np.nan,))[0] for r in results], marker="o", label=part)
    first = next(iter(results[0]["parts"].values()))[0]
    ax.loglog(sizes, [first * n / sizes[0] for n in sizes], linestyle=":", color="grey", label="linear (kemiringan 1)")
    ax.set_xlabel("rumah tangga")
    ax.set_ylabel("detik")
    ax.set_title("Sasaran: biaya per bagian menurut jumlah rumah tangga")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(results: list) -> str:
    """Write scaling.md/csv/png under bench/results; returns the Markdown table."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = table(results)
    (RESULTS / "scaling.md").write_text(
        f"# Pertumbuhan biaya ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n\n"
        "`.venv/bin/python -m bench.run_all --scale " + ",".join(str(r["households"]) for r in results)
        + "`\n\n![log-log](scaling.png)\n\n" + text, encoding="utf-8")
    with open(RESULTS / "scaling.csv", "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["rumah_tangga", "bagian", "detik", "puncak_mb", "load_average"])
        for r in results:
            for part, (seconds, peak) in r["parts"].items():
                out.writerow([r["households"], part, f"{seconds:.3f}", "" if peak is None else f"{peak:.0f}",
                              f"{r['load']:.1f}"])
    plot(results, RESULTS / "scaling.png")
    return text


def measure_growth(url: str, sizes: list, seed: int, boundaries: Path) -> str:
    """Every size in turn (the table is rewritten after each, so a cut-off run keeps its figures)."""
    results: list = []
    text = ""
    for households in sizes:
        results.append(measure_size(url, households, seed, boundaries))
        text = write(results)
    return text


def main() -> None:
    """Command line: the growth table alone (``bench.run_all --scale`` runs it after the comparisons)."""
    import argparse
    parser = argparse.ArgumentParser(description="How each part's cost grows with the households")
    parser.add_argument("--scale", type=lambda text: [int(n) for n in text.split(",")],
                        default=[100_000, 300_000, 1_000_000, 3_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", required=True, help="benchmark database (bench*, dropped and re-created per size)")
    parser.add_argument("--boundaries", type=Path, default=dataset.PROVINCE_BOUNDARIES)
    args = parser.parse_args()
    print(measure_growth(args.db, args.scale, args.seed, args.boundaries))


if __name__ == "__main__":
    main()
