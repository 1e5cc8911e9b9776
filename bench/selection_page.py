"""How fast the Seleksi Penerima page becomes usable (issue #19): in Chromium, the milliseconds from
opening ``/seleksi/<id>`` to the first row of the candidate table, and to every candidate drawn on
the map, with the bytes of the candidate requests (``/kandidat/titik``; ``/kandidat/tabel`` only
when the page asks for one, its first table page comes inside it); beside them the old whole-list
GeoJSON answer (``/kandidat``) the page used to load. Sasaran runs
under gunicorn as in production; every figure comes with the load average.

    DATABASE_URL=$(./sasaran db) .venv/bin/python -m bench.selection_page            # the database as it is
    .venv/bin/python -m bench.selection_page --db postgresql://sasaran@127.0.0.1:54329/bench_seleksi \\
        --households 1000000                                                        # a province, loaded once

With ``--households`` the province (lampung_18.geojson, ``spatial.synthetic``, cached under
var/bench) is loaded into the given ``bench*`` database and scored when it holds no households yet;
then a Perkim user of one kabupaten (``--wilayah``, default Lampung Barat 18.04) and an unscoped
admin open the page. The target: a usable table in under 1 s at 7,746 candidates (the 85,000-household
sample); a missed figure reads ``TIDAK tercapai``.
"""
import argparse
import os
import statistics
import time

import psycopg

from bench.common import log
from bench.web import session, start_sasaran
from spatial.settings import database_url

TARGET_MS = 1000
PASSWORD = "Bench-Seleksi-7-Liwa"
VISIBLE_ROW = "#kandidat-table tbody tr[data-key]"
RESOURCES = "performance.getEntriesByType('resource').map((e) => [e.name, e.encodedBodySize, e.duration])"
ALL_DRAWN = "window.SasaranSeleksi && Object.keys(window.SasaranSeleksi.markers()).length > 0"


def load() -> str:
    """The 1-minute load average, for every printed figure (the machine may be shared)."""
    return f"{os.getloadavg()[0]:.1f}"


def ensure_province(url: str, households: int, seed: int) -> None:
    """Load and score the generated province into ``url`` unless it already holds households."""
    from bench import dataset
    from spatial.analysis import run_all
    from spatial.importer.registry import import_households
    from spatial.maintenance import optimise_households

    try:
        with psycopg.connect(url) as conn:
            present = conn.execute("SELECT to_regclass('rumah_tangga') IS NOT NULL").fetchone()[0] and \
                conn.execute("SELECT count(*) FROM rumah_tangga").fetchone()[0]
    except psycopg.OperationalError:   # the database does not exist yet
        present = 0
    if present:
        log(f"{present:,} rumah tangga sudah ada di {url}")
        return
    folder = dataset.generated(households, seed)
    dataset.prepare(url)
    started = time.perf_counter()
    import_households(folder / "households.csv", url=url)
    optimise_households(url)
    log(f"impor {households:,}: {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    run_all(("skor",), url=url, oleh="bench")   # every kabupaten, in parallel
    log(f"skor RTLH: {time.perf_counter() - started:.0f} s")


def programme(url: str) -> int:
    """A district-wide programme of 150 houses to open (created once)."""
    from spatial.selection import programs

    with psycopg.connect(url) as conn:
        found = conn.execute("SELECT id FROM program WHERE nama = 'Bench seleksi'").fetchone()
        if found:
            return found[0]
        program_id = programs.create_program(conn, {"nama": "Bench seleksi", "tahun": 2027, "sumber": "APBN",
                                                    "biaya_satuan": 20_000_000, "anggaran": 150 * 20_000_000},
                                         "bench")
        conn.commit()
        return program_id


def open_page(browser, base: str, username: str, password: str, program_id: int, runs: int) -> dict:
    """Median and worst ms to a usable table and to every point drawn, over ``runs`` openings."""
    context = browser.new_context(base_url=base, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    table, drawn, sizes = [], [], {}
    for _ in range(runs):
        page.goto(f"/seleksi/{program_id}", wait_until="commit")
        page.wait_for_selector(VISIBLE_ROW, timeout=120_000)
        table.append(page.evaluate("performance.now()"))
        page.wait_for_function(ALL_DRAWN, timeout=120_000)
        drawn.append(page.evaluate("performance.now()"))
        for entry in page.evaluate(RESOURCES):
            for part in ("/kandidat/tabel", "/kandidat/titik"):
                if part in entry[0]:
                    sizes[part] = (entry[1], entry[2])
        rows = page.locator(VISIBLE_ROW).count()
    total = page.locator("#jumlah-baris").inner_text()
    context.close()
    return {"table": table, "drawn": drawn, "sizes": sizes, "rows": rows, "total": total}


def old_answer(base: str, username: str, password: str, program_id: int) -> tuple[float, int]:
    """Ms and bytes of the whole-list GeoJSON (the page's only request before issue #19)."""
    web = session_as(base, username, password)
    started = time.perf_counter()
    answer = web.get(f"{base}/api/seleksi/{program_id}/kandidat", headers={"Accept-Encoding": "identity"}, timeout=600)
    answer.raise_for_status()
    return (time.perf_counter() - started) * 1000, len(answer.content)


def session_as(base: str, username: str, password: str):
    """A requests session signed in as ``username``."""
    import re

    import requests
    web = requests.Session()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', web.get(base + "/login").text)
    web.post(base + "/login", data={"username": username, "password": password,
                                    "csrf_token": token.group(1) if token else ""}, allow_redirects=False)
    return web


def report(label: str, found: dict, old: tuple[float, int]) -> None:
    """Print one user's figures with the load average."""
    table, drawn = sorted(found["table"]), sorted(found["drawn"])
    median = statistics.median(table)
    verdict = "tercapai" if median < TARGET_MS else "TIDAK tercapai"
    sizes = ", ".join(f"{k} {v[0] / 1024:,.0f} KB ({v[1]:,.0f} ms)" for k, v in found["sizes"].items())
    print(f"{label}: {found['total']}")
    print(f"  tabel siap: median {median:,.0f} ms, terlama {table[-1]:,.0f} ms (target < {TARGET_MS} ms: {verdict}); "
          f"semua titik di peta: median {statistics.median(drawn):,.0f} ms; beban {load()}")
    print(f"  permintaan: {sizes}; daftar GeoJSON lama: {old[0]:,.0f} ms, {old[1] / 1024:,.0f} KB; beban {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_DATABASE_URL") or database_url())
    parser.add_argument("--households", type=int, help="load a generated province of this size first (bench* db)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--wilayah", default="18.04", help="region of the scoped Perkim user (kabupaten)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from spatial.users import create_demo_users, save_user

    if args.households:
        ensure_province(args.db, args.households, args.seed)
    create_demo_users(args.db)
    save_user("perkim_kab", PASSWORD, "perkim", kode_wilayah=args.wilayah, url=args.db)
    with psycopg.connect(args.db) as conn:
        households = conn.execute("SELECT count(*) FROM rumah_tangga WHERE aktif").fetchone()[0]
    print(f"{households:,} rumah tangga aktif; beban awal {load()}")
    server = start_sasaran(args.db)
    try:
        session(server, "perkim")   # warm the app (first connection, translations)
        users = [("perkim (tanpa batas wilayah)", "perkim", "demo-perkim")]
        if args.households:
            users.insert(0, (f"perkim wilayah {args.wilayah}", "perkim_kab", PASSWORD))
        program_id = programme(args.db)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--headless", "--no-sandbox", "--disable-gpu"])
            for label, username, password in users:
                found = open_page(browser, server.base, username, password, program_id, args.runs)
                report(label, found, old_answer(server.base, username, password, program_id))
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
