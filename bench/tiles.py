"""Household vector tiles like for like, on the same 500 tiles (z8-16) and for two roles:

- Sasaran over HTTP (gunicorn, signed in): admin gets points from zoom 13 and grid cells below,
  viewer grid cells at every zoom; aggregate tiles come from the tile cache once drawn;
- the same SQL run bare: the query files the app runs (``spatial.tiles``), through psycopg on one
  connection with every statement prepared, no HTTP, no Python web layer;
- tipg publishing the same content: a view of the same points and a function collection of the
  same anonymous grid cells (``sql/queries/bench/tipg_content.sql``), asked for the same tiles.

Each is timed twice over the list after one untimed pass of the bare SQL (database pages in
memory): the first pass of Sasaran starts with its tile cache emptied, as after an import; the
second finds the aggregate tiles cached. The bare SQL and tipg have no tile cache: their second
pass differs from the first only by what PostgreSQL keeps in memory.
"""
import statistics
import time
from collections.abc import Callable
from urllib.parse import urlencode

import psycopg
import requests

from bench.common import Row, Server, log, verdict
from spatial import anonymity, tiles
from spatial.sqlfiles import run
from webgis.tiles import POINT_ROLES

ROLES = {"admin": "titik z>=13, agregat di bawahnya", "viewer": "agregat di semua zoom"}
RATIO_TARGET = 1.2  # Sasaran's p95 at most this many times the bare query's


def shows_points(role: str, z: int) -> bool:
    """True when ``role`` gets household points at zoom ``z`` (webgis.tiles: its point roles, and
    admin, who always passes)."""
    return (role == "admin" or role in POINT_ROLES) and z >= tiles.POINT_MIN_ZOOM


def stats(times: list, total: int) -> dict:
    """p50 / p95 / max milliseconds and total bytes of one pass."""
    times = sorted(times)
    return {"p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))], "max": times[-1],
            "bytes": total, "times": times}


def timed_pass(fetch: Callable[[int, int, int], bytes], tile_list: list) -> dict:
    """Time ``fetch(z, x, y)`` (the whole body received) for every tile of the list."""
    times, total = [], 0
    for z, x, y, _ in tile_list:
        started = time.perf_counter()
        body = fetch(z, x, y)
        times.append((time.perf_counter() - started) * 1000)
        total += len(body)
    return stats(times, total)


def bare_fetch(conn, role: str) -> Callable[[int, int, int], bytes]:
    """The tile as the app's query files draw it, on ``conn`` (no tile cache)."""
    def fetch(z: int, x: int, y: int) -> bytes:
        if shows_points(role, z):
            return tiles.household_points(conn, z, x, y, None)
        return tiles.draw_grid(conn, z, x, y)
    return fetch


def http_fetch(web: requests.Session, url_of: Callable[[int, int, int], str]) -> Callable[[int, int, int], bytes]:
    """GET of the tile's URL (raises on an HTTP error)."""
    def fetch(z: int, x: int, y: int) -> bytes:
        answer = web.get(url_of(z, x, y), timeout=300)
        answer.raise_for_status()
        return answer.content
    return fetch


def tipg_url(base: str, role: str) -> Callable[[int, int, int], str]:
    """tipg's tile URL of the same content: the point view, or the grid function with the base
    cells Sasaran's tile aggregates (spatial.anonymity.tile_box) as its parameters."""
    def url(z: int, x: int, y: int) -> str:
        if shows_points(role, z):
            return f"{base}/collections/bench_tipg.titik/tiles/WebMercatorQuad/{z}/{x}/{y}?properties=id,desil,skor"
        box = anonymity.tile_box(z, x, y)
        return (f"{base}/collections/bench_tipg.agregat/tiles/WebMercatorQuad/{z}/{x}/{y}?"
                + urlencode({**box, "properties": "jumlah,desil12,persen_desil12"}))
    return url


def publish_for_tipg(url: str) -> None:
    """Create the view and function tipg publishes (schema bench_tipg of the benchmark database)."""
    with psycopg.connect(url) as conn:
        run(conn, "bench/tipg_content")


def empty_tile_cache(url: str) -> None:
    """Empty the aggregate tile cache, as an import does."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM tile_cache")


def figures(s: dict | None) -> str:
    return "gagal" if s is None else f"{s['p50']:.0f} / {s['p95']:.0f} / {s['max']:.0f}"


def measure(sasaran: Server, url: str, tile_list: list, tipg: Server | None, sign_in) -> list:
    """Rows comparing Sasaran, the bare SQL and tipg per role and pass (p50 / p95 / max ms)."""
    rows = []
    with psycopg.connect(url, autocommit=True, prepare_threshold=0) as conn:
        log("tile: lintasan pemanasan SQL polos")
        timed_pass(bare_fetch(conn, "admin"), tile_list)
        for role, content in ROLES.items():
            web = sign_in(sasaran, role)
            app = http_fetch(web, lambda z, x, y: f"{sasaran.base}/tiles/rumah-tangga/{z}/{x}/{y}.pbf")
            log(f"tile {role}: Sasaran, SQL polos, tipg")
            empty_tile_cache(url)
            ours = [timed_pass(app, tile_list), timed_pass(app, tile_list)]
            bare = [timed_pass(bare_fetch(conn, role), tile_list) for _ in range(2)]
            peer: list = [None, None]
            if tipg:
                peer = [timed_pass(http_fetch(requests.Session(), tipg_url(tipg.base, role)), tile_list)
                        for _ in range(2)]
            for n, label in enumerate(("pertama (cache tile kosong)", "kedua (tile agregat dari cache)")):
                rows.append(_row(role, content, label, ours[n], bare[n], peer[n]))
    return rows


def _row(role: str, content: str, label: str, ours: dict, bare: dict, peer: dict | None) -> Row:
    ratio_bare = ours["p95"] / bare["p95"]
    ratio_tipg = ours["p95"] / peer["p95"] if peer else None
    ok = ratio_bare <= RATIO_TARGET and (ratio_tipg is None or ratio_tipg <= 1.0)
    sizes = f"{ours['bytes'] / 1e6:.1f} MB (SQL polos {bare['bytes'] / 1e6:.1f}" + (
        f", tipg {peer['bytes'] / 1e6:.1f} MB)" if peer else ")")
    return Row("tile vektor",
               f"{role} ({content}), lintasan {label}: p50 / p95 / max ms, 500 tile z8-16; {sizes}",
               figures(ours), f"SQL polos {figures(bare)}; tipg konten sama {figures(peer)}",
               f"{ratio_bare:.2f} / " + (f"{ratio_tipg:.2f}" if ratio_tipg is not None else "-"),
               f"p95 <= {RATIO_TARGET}x SQL polos, <= tipg", verdict(ok))


def main() -> None:
    """Command line: the tile comparison alone, on an already loaded benchmark database."""
    import argparse
    import os

    from bench import peers, web
    from bench.dataset import PROVINCE_BOUNDARIES
    from bench.tiles_list import fixed_tiles
    from spatial.users import create_demo_users
    parser = argparse.ArgumentParser(description="Household vector tiles: Sasaran, the same SQL bare, tipg")
    parser.add_argument("--db", required=True, help="a loaded benchmark database (bench.run_all)")
    parser.add_argument("--boundaries", default=PROVINCE_BOUNDARIES)
    parser.add_argument("--no-tipg", action="store_true")
    args = parser.parse_args()
    create_demo_users(args.db)
    publish_for_tipg(args.db)
    sasaran = web.start_sasaran(args.db)
    tipg = None if args.no_tipg else peers.start_tipg(args.db)
    try:
        for row in measure(sasaran, args.db, fixed_tiles(args.boundaries), tipg, web.session):
            print(f"{row.measure}\n    Sasaran {row.value}; {row.peer}; rasio {row.ratio} ({row.target}: {row.verdict})")
        print(f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        sasaran.stop()
        if tipg:
            tipg.stop()


if __name__ == "__main__":
    main()
