"""Map payload benchmark (issue #5): bytes and requests of the dashboard's first render, and the
latency of the household vector tiles over a fixed list of 200 tiles at zooms 10-16.

    .venv/bin/python -m bench.map_payload                       # loads the 85,000-household sample
    .venv/bin/python -m bench.map_payload --database-url URL    # an already loaded database

Without ``--database-url`` it creates ``bench_map_payload`` on the private cluster and loads the
bundled sample (Lampung Barat, 85,000 households, seed 42). The app runs under gunicorn with the
basemap off, so the figures are what the app itself sends. Target: first render < 1.5 MB.
"""
import argparse
import time
from urllib.parse import urlsplit, urlunsplit

from bench.common import log
from bench.dataset import recreate
from bench.tiles_list import fixed_tiles
from bench.tiles import http_fetch, timed_pass
from bench.web import session, start_sasaran

SAMPLE_HOUSEHOLDS = 85_000
TILE_COUNT = 200
TILE_ZOOMS = range(10, 17)
TARGET_BYTES = 1_500_000


def load_sample_database(base_url: str) -> str:
    """A fresh ``bench_map_payload`` database with the 85,000-household sample."""
    from spatial.migrate import migrate
    from spatial.sample import load_sample

    url = urlunsplit(urlsplit(base_url)._replace(path="/bench_map_payload"))
    recreate(url)
    migrate(url)
    log(f"memuat sampel {SAMPLE_HOUSEHOLDS:,} rumah tangga ke {url}")
    load_sample(SAMPLE_HOUSEHOLDS, 42, url=url, echo=log)
    return url


def benchmark_tiles() -> list:
    """200 distinct tiles at zooms 10-16 drawn from the fixed benchmark list (same on every run)."""
    from spatial.sample import SAMPLE_BOUNDARIES

    tiles = [t for t in fixed_tiles(SAMPLE_BOUNDARIES) if t[0] in TILE_ZOOMS]
    step = len(tiles) / TILE_COUNT
    return [tiles[int(i * step)] for i in range(min(TILE_COUNT, len(tiles)))]


def first_render(base: str, role: str | None) -> dict:
    """Bytes (headers + encoded bodies) and requests of the dashboard until the network is idle."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        if role:
            page.goto(base + "/login")
            page.fill("#username", role)
            page.fill("#password", f"demo-{role}")
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            context.new_cdp_session(page).send("Network.clearBrowserCache")  # cold cache, session kept
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        started = time.perf_counter()
        page.goto(base + "/")
        page.wait_for_selector("body[data-map-ready='1']", timeout=60_000)
        page.wait_for_load_state("networkidle")
        ready_ms = (time.perf_counter() - started) * 1000
        sizes = [r.sizes() for r in finished]
        largest = sorted(((s["responseBodySize"], r.url.replace(base, "")) for s, r in zip(sizes, finished)),
                         reverse=True)[:5]
        browser.close()
    return {"bytes": sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes),
            "requests": len(finished), "ms": ready_ms, "largest": largest}


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="already loaded database (default: load the sample)")
    parser.add_argument("--cluster-url", default="postgresql://sasaran@127.0.0.1:54329/postgres")
    args = parser.parse_args()
    url = args.database_url or load_sample_database(args.cluster_url)
    from spatial.migrate import migrate
    migrate(url)  # an existing database gets the current schema (idempotent)
    server = start_sasaran(url)
    try:
        from psycopg import connect
        with connect(url) as conn:
            households = conn.execute("SELECT count(*) FROM rumah_tangga WHERE aktif").fetchone()[0]
        print(f"basis data: {households:,} rumah tangga aktif")
        for role in (None, "perkim"):
            render = first_render(server.base, role)
            verdict = "tercapai" if render["bytes"] < TARGET_BYTES else "TIDAK tercapai"
            print(f"render pertama Peta Utama ({role or 'anonim'}): {render['bytes'] / 1e6:.3f} MB, "
                  f"{render['requests']} permintaan, {render['ms']:.0f} ms sampai siap "
                  f"(target < 1,5 MB: {verdict})")
            for size, path in render["largest"]:
                print(f"    {size / 1e3:8.1f} kB  {path}")
        tiles = benchmark_tiles()
        zooms = sorted({t[0] for t in tiles})
        for role in ("perkim", "viewer"):
            stats = timed_pass(http_fetch(session(server, role),
                                          lambda z, x, y: f"{server.base}/tiles/rumah-tangga/{z}/{x}/{y}.pbf"), tiles)
            print(f"vector tile rumah tangga ({role}), {len(tiles)} tile zoom {zooms[0]}-{zooms[-1]}: "
                  f"p50 {stats['p50']:.1f} ms, p95 {stats['p95']:.1f} ms, maks {stats['max']:.1f} ms, "
                  f"{stats['bytes'] / 1e6:.2f} MB")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
