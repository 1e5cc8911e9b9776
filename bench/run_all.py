"""Sasaran at province scale, side by side with the tools users would pick instead.

    .venv/bin/python -m bench.run_all [--households 1000000] [--seed 7] [--db URL] [--paralel N]
                                      [--scale 100000,300000,1000000,3000000]
    .venv/bin/python -m bench.run_all --only-analyses --db URL    # the loaded database: analyses only

Generates the province with ``spatial.synthetic`` on lampung_18.geojson (cached under var/bench),
loads it into its own database (bench_h9 by default: dropped and recreated), measures the import
(vs its floor and ogr2ogr), village assignment, analyses, vector tiles (vs the same SQL bare and
tipg on the same content), GeoJSON exports (vs ogr2ogr), selection by polygon and the map page, then
prints one table and writes it to bench/results/latest.md.
``--scale`` then measures the parts again at each size (bench/scaling.py: seconds, peak MB, the
log-log growth exponent; bench/results/scaling.md/.csv/.png) and adds that table.
A capability that does not exist yet is reported as "belum tersedia".
"""
import argparse
import os
import platform
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from bench import analyses, browser_points, dataset, loading, peers, scaling, tiles, web
from bench.common import ROOT, WORK, Row, log, unavailable
from bench.tiles_list import fixed_tiles
from spatial.maintenance import optimise_households

DEFAULT_DB = "postgresql://sasaran@127.0.0.1:54329/bench_h9"
RESULTS = ROOT / "bench" / "results" / "latest.md"
HOUSEHOLD_EXPORT_SQL = ("SELECT id_keluarga, nik_kepala, nama_kepala, kode_desa, alamat, desil, jumlah_anggota, "
                        "kualitas_lokasi, geom FROM rumah_tangga WHERE aktif AND geom IS NOT NULL")
VILLAGE_EXPORT_SQL = ("SELECT d.kode_desa, d.nama, d.kode_kec, d.kode_kab, count(r.id) AS jumlah_rumah_tangga, "
                      "count(r.id) FILTER (WHERE r.desil <= 2) AS desil_1_2, d.geom FROM desa d "
                      "LEFT JOIN rumah_tangga r ON r.kode_prov = d.kode_prov AND r.kode_desa = d.kode_desa "
                      "AND r.aktif GROUP BY d.kode_desa")


def table(rows: list) -> str:
    """The results as a Markdown table."""
    head = ["bagian", "ukuran", "Sasaran", "pembanding", "rasio", "target", "hasil"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r.area, r.measure, r.value, r.peer, r.ratio, r.target, r.verdict]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def guarded(rows: list, area: str, measure: str, step) -> None:
    """Run one measurement; a crash of a capability under construction becomes a row, not an abort."""
    try:
        result = step()
        rows.extend(result if isinstance(result, list) else [result])
    except Exception as exc:  # the runner must print the table whatever one capability does
        log(f"{area}: {exc!r}")
        rows.append(Row(area, measure, "gagal", verdict=f"{type(exc).__name__}: {str(exc)[:160]}"))


def web_measurements(rows: list, url: str, boundaries: Path) -> None:
    """Everything measured over HTTP: Sasaran under gunicorn, tipg under uvicorn."""
    from spatial.users import create_demo_users
    create_demo_users(url)
    tile_list = fixed_tiles(boundaries)
    sasaran = web.start_sasaran(url)
    tipg = None
    try:
        try:
            tiles.publish_for_tipg(url)
            tipg = peers.start_tipg(url)
        except Exception as exc:  # tipg is a peer: without it the rows still show Sasaran and the bare SQL
            log(f"tipg tidak jalan: {exc!r}")
        guarded(rows, "tile vektor", "500 tile", lambda: tiles.measure(sasaran, url, tile_list, tipg, web.session))
        guarded(rows, "seleksi poligon", "ms", lambda: web.measure_selection(sasaran, url))
        guarded(rows, "ekspor GeoJSON", "rumah tangga", lambda: web.measure_export(
            sasaran, "semua rumah tangga (admin)", "rumah_tangga",
            peers.ogr2ogr_export(url, HOUSEHOLD_EXPORT_SQL, "rumah_tangga")))
        guarded(rows, "ekspor GeoJSON", "indikator desa", lambda: web.measure_export(
            sasaran, "desa dan indikator", "desa",
            peers.ogr2ogr_export(url, VILLAGE_EXPORT_SQL, "indikator_desa")))
        guarded(rows, "halaman peta", "render pertama", lambda: web.measure_map_page(sasaran))
        guarded(rows, "titik di peramban", "geser z16", lambda: browser_points.measure_pan(sasaran, url, tile_list))
    finally:
        sasaran.stop()
        if tipg:
            tipg.stop()


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--boundaries", type=Path, default=dataset.PROVINCE_BOUNDARIES)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--only-web", action="store_true",
                        help="reuse the loaded benchmark database: migrate, then only the web measurements")
    parser.add_argument("--only-analyses", action="store_true",
                        help="reuse the loaded benchmark database: migrate, then only the analyses")
    parser.add_argument("--paralel", type=int, default=None,
                        help="parallel analysis runs (default: the CPU cores)")
    parser.add_argument("--data", type=Path, help="use this folder's households.csv/facilities.csv, do not generate")
    parser.add_argument("--scale", type=lambda text: [int(n) for n in text.split(",")], default=[],
                        help="household counts (e.g. 100000,300000,1000000,3000000): how each part's cost grows")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows: list = []
    try:
        folder = args.data or dataset.generated(args.households, args.seed, args.boundaries)
    except (subprocess.CalledProcessError, OSError) as exc:
        raise SystemExit(f"spatial.synthetic belum tersedia atau gagal: {exc}") from exc
    log("basis data benchmark: skema + batas desa")
    if args.only_web or args.only_analyses:
        from spatial.migrate import migrate
        migrate(args.db)
        with psycopg.connect(args.db) as conn:
            villages = conn.execute("SELECT count(*) FROM desa").fetchone()[0]
        if args.out == RESULTS:  # keep the full run's table; a partial one goes beside it
            args.out = RESULTS.with_name("latest_web.md" if args.only_web else "latest_analyses.md")
    else:
        villages = dataset.prepare(args.db, args.boundaries)
    households = loading.count_rows(folder / "households.csv")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or os.environ.get("BENCH_COMMIT", "?")
    load_start = os.getloadavg()[0]
    grown: list = []  # the growth table once measured

    def write(final: bool) -> None:
        """Write the table so far (after every step, so a cut-off run still leaves its figures)."""
        minutes = (time.perf_counter() - started) / 60
        state = f"total {minutes:.1f} menit" if final else f"SEBAGIAN, berjalan {minutes:.1f} menit"
        source = f"berkas {args.data}" if args.data else f"spatial.synthetic, seed {args.seed}"
        header = (f"# Sasaran benchmark ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n\n"
                  f"{households:,} rumah tangga ({source}) di {villages:,} desa ({args.boundaries.name}); "
                  f"mesin: {os.cpu_count()} core, {platform.machine()}, PostgreSQL di mesin yang sama, dipakai "
                  f"bersama (load average awal {load_start:.1f}, kini {os.getloadavg()[0]:.1f}); commit {commit}; "
                  f"{state}.\n\n"
                  "Rasio = Sasaran / pembanding (untuk laju: >1 lebih cepat; untuk waktu: <1 lebih cepat).\n"
                  "Puncak memori = RSS maksimum proses Python/ogr2ogr/server (tidak termasuk PostgreSQL).\n\n")
        text = header + table(rows) + "\n" + (
            "\n## Pertumbuhan biaya (--scale)\n\n![log-log](scaling.png)\n\n" + grown[0] if grown else "")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        if final:
            print(text)

    if args.only_web:
        log("pengukuran web (basis data yang sudah dimuat)")
        web_measurements(rows, args.db, args.boundaries)
        write(True)
        return
    if args.only_analyses:
        guarded(rows, "analisis", "detik", lambda: analyses.measure_analyses(args.db, args.paralel))
        write(True)
        return
    log("impor")
    inserted = 0
    try:
        import_rows, inserted = loading.measure_import(args.db, folder)
        rows.extend(import_rows)
    except Exception as exc:  # noqa: BLE001 - reported in the table
        rows.append(Row("impor", "rumah tangga", "gagal", verdict=str(exc)[:160]))
    write(False)
    if inserted:
        log("pemeliharaan: CLUSTER pada geometri + ANALYZE")
        guarded(rows, "pemeliharaan", "detik", lambda: Row(
            "pemeliharaan", "python -m spatial optimise (CLUSTER rumah_tangga pada geom + ANALYZE), detik",
            f"{optimise_households(args.db):.1f}"))
        log("penempatan desa vs sjoin")
        guarded(rows, "penempatan desa", "detik", lambda: loading.measure_assignment(args.db, folder, args.boundaries))
        write(False)
        log("analisis")  # before the web: the selection preview needs the RTLH scores
        guarded(rows, "analisis", "detik", lambda: analyses.measure_analyses(args.db, args.paralel))
        write(False)
        log("pengukuran web")
        web_measurements(rows, args.db, args.boundaries)
    else:
        rows.append(unavailable("lainnya", "tanpa data rumah tangga tidak ada yang diukur"))
    if args.scale:
        write(False)
        log(f"pertumbuhan: {args.scale}")
        grown.append(scaling.measure_growth(growth_database(args.db), args.scale, args.seed, args.boundaries))
    write(True)


def growth_database(url: str) -> str:
    """The benchmark database's URL with ``_tumbuh`` added to its name (dropped and re-created per size)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path + "_tumbuh"))


if __name__ == "__main__":
    main()
