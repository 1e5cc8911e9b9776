"""The analyses (issues #4, #18) as a user runs them: ``python -m spatial analyse all`` in a fresh
process, every kabupaten with households, runs in parallel. Reported: the wall time of the whole
(target under 3 minutes), then, from the run records (``analisis_run``: real start and finish of
each run), each kind summed over the kabupaten and each kabupaten's runs."""
import os

import psycopg

from bench.common import PYTHON, Row, log, measure, server_cpu_seconds, verdict

LABELS = {
    "skor": "skor prioritas (scores)", "kantong": "kantong kemiskinan (pockets)", "hotspot": "Getis-Ord Gi*",
    "lisa": "Moran lokal (LISA)", "celah": "kesenjangan layanan (gaps)", "lokasi": "usulan lokasi (siting)",
}
TARGET_S = 180
RUNS_SQL = """
SELECT r.jenis, r.kode_wilayah, k.nama, r.status, extract(epoch FROM r.selesai - r.mulai)::float8,
       (r.baris ->> 'rumah_tangga')::int
FROM analisis_run r LEFT JOIN kabupaten k ON k.kode_kab = r.kode_wilayah
WHERE r.id > %s ORDER BY r.id
"""


def _last_run(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT COALESCE(max(id), 0) FROM analisis_run").fetchone()[0]


def analyse_all(url: str, workers: int | None = None) -> tuple[float, float, float, list, Row]:
    """One ``analyse all`` in a fresh process: (wall seconds, peak MB, highest load average seen,
    the run records it made, the row of the CPU it cost)."""
    before = _last_run(url)
    argv = [PYTHON, "-m", "spatial", "analyse", "all", "-q"] + (["--paralel", str(workers)] if workers else [])
    log("analisis: analyse all" + (f" --paralel {workers}" if workers else ""))
    load = os.getloadavg()[0]
    server_before = server_cpu_seconds(url)
    done = measure(argv, env={"DATABASE_URL": url})
    server_after = server_cpu_seconds(url)
    seconds, peak = done.seconds, done.peak_mb
    load = max(load, os.getloadavg()[0])
    with psycopg.connect(url) as conn:
        runs = conn.execute(RUNS_SQL, (before,)).fetchall()
    server = None if server_before is None or server_after is None else server_after - server_before
    return seconds, peak, load, runs, cpu_row(done.cpu_s, server)


def run_all_kinds(url: str) -> tuple[float, float, dict]:
    """(wall seconds, peak MB, seconds of each kind summed over its kabupaten runs) of one ``analyse all``."""
    seconds, peak, _, runs, _cpu = analyse_all(url)
    return seconds, peak, {jenis: sum(r[4] or 0 for r in runs if r[0] == jenis) for jenis in LABELS}


def measure_analyses(url: str, workers: int | None = None) -> list:
    """Every analysis of every kabupaten in one ``analyse all`` (``workers`` parallel runs, default the
    CPU cores): wall time, then seconds per kind (sum over kabupaten) and per kabupaten."""
    seconds, peak, load, runs, cpu = analyse_all(url, workers)
    kabupaten = sorted({(r[1], r[2], r[5]) for r in runs})
    failed = [r for r in runs if r[3] != "selesai"]
    parallel = workers or os.cpu_count()
    rows = []
    for jenis, label in LABELS.items():
        mine = [r for r in runs if r[0] == jenis]
        rows.append(Row("analisis", f"{label}: jumlah detik {len(mine)} run (satu per kabupaten)",
                        f"{sum(r[4] or 0 for r in mine):.1f}"))
    for code, name, households in kabupaten:
        mine = {r[0]: r[4] or 0 for r in runs if r[1] == code}
        detail = " · ".join(f"{j} {mine[j]:.1f}" for j in LABELS if j in mine)
        rows.append(Row("analisis per kabupaten", f"{code} {name} ({households or 0:,} rumah tangga): {detail} detik",
                        f"{sum(mine.values()):.1f}"))
    note = f"; {len(failed)} run gagal" if failed else ""
    rows.append(cpu)
    rows.append(Row("analisis", f"seluruh analisis, {len(kabupaten)} kabupaten, {len(runs)} run, {parallel} run "
                                f"paralel (analyse all): waktu dinding, detik; puncak {peak:.0f} MB; load average "
                                f"hingga {load:.1f}{note}",
                    f"{seconds:.1f}", target=f"< {TARGET_S} s", verdict=verdict(seconds < TARGET_S and not failed)))
    return rows


def cpu_row(python_s: float, server_s: float | None) -> Row:
    """The CPU the whole run cost (Python process + PostgreSQL cluster) over the machine's cores: the
    wall time cannot be lower on an idle machine, and comes close when the parallel runs keep every
    core busy. Unlike the wall time it hardly moves when others share the machine."""
    cores = os.cpu_count() or 1
    if server_s is None:
        return Row("analisis", "CPU proses Python (analyse all), detik; CPU PostgreSQL tidak terbaca (server di mesin lain)",
                   f"{python_s:.1f}")
    total = python_s + server_s
    return Row("analisis", f"CPU seluruh analisis: Python {python_s:.1f} s + PostgreSQL {server_s:.1f} s = {total:.1f} s "
                           f"dibagi {cores} core: batas bawah waktu dinding di mesin yang sepi, detik",
               f"{total / cores:.1f}")
