"""Measurements through Sasaran's HTTP endpoints (gunicorn, as in production): selection by a
drawn polygon, GeoJSON exports and the map page's first render (vector tiles: bench/tiles.py)."""
import re
import statistics
import time

import requests

from bench.common import PYTHON, Row, Server, unavailable, verdict

SECRET = "bench-secret-key"


def start_sasaran(url: str) -> Server:
    """Sasaran under gunicorn: one worker process with threads (so its peak memory is one number)."""
    env = {"DATABASE_URL": url, "SASARAN_BASEMAP_URL": "none", "SASARAN_SECRET_KEY": SECRET,
           "SASARAN_SAMPLE_MODE": "1"}
    return Server([PYTHON, "-m", "gunicorn", "--workers", "1", "--threads", "4", "--timeout", "900",
                   "--bind", "127.0.0.1:{port}", "webgis:create_app()"], env, probe_path="/login")


def session(server: Server, role: str = "admin") -> requests.Session:
    """A requests session signed in as a demo user (CSRF token taken from the login form)."""
    web = requests.Session()
    page = web.get(server.base + "/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    data = {"username": role, "password": f"demo-{role}"}
    if token:
        data["csrf_token"] = token.group(1)
        web.headers["X-CSRFToken"] = token.group(1)
    answer = web.post(server.base + "/login", data=data, allow_redirects=False)
    if answer.status_code != 302:
        raise RuntimeError(f"login {role} gagal: {answer.status_code}")
    # sign-in starts a new server-side session: its CSRF token is on the pages it serves
    fresh = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', web.get(server.base + "/").text)
    if fresh:
        web.headers["X-CSRFToken"] = fresh.group(1)
    return web


def routes() -> list:
    """(rule, methods, endpoint) of every route of the app (to find capabilities that may not exist yet)."""
    from webgis import create_app
    app = create_app({"DATABASE_URL": "postgresql://unused/none", "TESTING": True})
    return [(r.rule, r.methods, r.endpoint) for r in app.url_map.iter_rules()]


def find_route(keywords: tuple, method: str = "GET", also: tuple = ()) -> str | None:
    """A route accepting ``method`` whose rule contains a keyword (earlier keywords first) and all of ``also``."""
    table = routes()
    for keyword in keywords:
        for rule, methods, _ in table:
            low = rule.lower()
            if method in methods and keyword in low and all(a in low for a in also):
                return rule
    return None


def province_polygon(url: str, share: float = 0.05) -> dict:
    """A square around the densest kabupaten's centre covering ~``share`` of the province's area (GeoJSON)."""
    import psycopg
    query = """
        WITH prov AS (SELECT sum(luas_m2) AS luas FROM desa),
        pusat AS (SELECT ST_Transform(ST_Centroid(ST_Collect(r.geom)), 32748) AS p
                  FROM rumah_tangga r WHERE r.kode_prov = '18' AND r.kode_kab = (
                      SELECT kode_kab FROM rumah_tangga WHERE kode_prov = '18' GROUP BY 1
                      ORDER BY count(*) DESC LIMIT 1) AND r.geom IS NOT NULL),
        kotak AS (SELECT ST_Expand(p, sqrt(%(share)s * luas) / 2) AS g FROM pusat, prov)
        SELECT ST_AsGeoJSON(ST_Transform(g, 4326), 6),
               ST_Area(ST_Intersection(ST_Transform(g, 4326)::geography, (SELECT ST_Union(geom) FROM desa)::geography))
               / (SELECT luas FROM prov)
        FROM kotak"""
    import json
    with psycopg.connect(url) as conn:
        geometry, covered = conn.execute(query, {"share": share}).fetchone()
    return {"type": "Feature", "geometry": json.loads(geometry), "properties": {"cakupan": covered}}


def bench_programme(url: str) -> int:
    """A house-repair programme to select into (issue #6's selections live inside a programme)."""
    import psycopg
    from psycopg.rows import dict_row
    from spatial.selection.programs import create_program
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return create_program(conn, {"nama": f"Benchmark BSPS {time.time():.0f}", "tahun": 2026, "sumber": "APBN",
                                     "biaya_satuan": 20_000_000, "anggaran": 20_000_000_000}, "bench")


def measure_selection(server: Server, url: str) -> list:
    """POST a drawn polygon (~5% of the province) to the area selection preview 15 times: median ms
    of the last 5 (the pool's connection reused: its query prepared, as in a day of use), and of the
    first 5 beside it."""
    rule = find_route(("area/pratinjau", "seleksi", "selection", "poligon", "polygon"), method="POST")
    if not rule or ("<" in rule and "program_id" not in rule):
        return [unavailable("seleksi poligon", "ms, poligon ~5% provinsi")]
    if "<" in rule:
        rule = re.sub(r"<(?:int:)?program_id>", str(bench_programme(url)), rule)
    feature = province_polygon(url)
    web = session(server, "perkim")
    times, found = [], None
    for _ in range(15):
        started = time.perf_counter()
        found = web.post(server.base + rule, json={"geometry": feature["geometry"]}, timeout=300)
        times.append((time.perf_counter() - started) * 1000)
    if found.status_code >= 400:
        return [Row("seleksi poligon", f"POST {rule}", f"galat HTTP {found.status_code}", verdict="gagal")]
    ms = statistics.median(times[-5:])
    eligible = found.json().get("memenuhi_syarat", 0)
    label = (f"POST {rule}, poligon {feature['properties']['cakupan'] * 100:.1f}% provinsi, 15x berturut-turut: "
             f"median 5 terakhir ms (5 pertama {statistics.median(times[:5]):.0f}); "
             f"{eligible:,} rumah tangga memenuhi syarat di dalamnya")
    if not eligible:  # no scores yet: the preview did no work, so its time says nothing
        return [Row("seleksi poligon", label, f"{ms:.0f}", target="< 300 ms", verdict="tidak sahih (0 memenuhi syarat)")]
    return [Row("seleksi poligon", label, f"{ms:.0f}", target="< 300 ms", verdict=verdict(ms < 300))]


def stream_features(web, url: str) -> tuple[float, int]:
    """Seconds to download a GeoJSON export completely, and its feature count."""
    started = time.perf_counter()
    count = 0
    with web.get(url, stream=True, timeout=1800) as answer:
        answer.raise_for_status()
        tail = b""
        for chunk in answer.iter_content(1 << 20):
            block = tail + chunk
            count += block.count(b'"Feature"')
            tail = block[-16:]
            count -= tail.count(b'"Feature"')
        count += tail.count(b'"Feature"')
    return time.perf_counter() - started, count


def measure_export(server: Server, label: str, layer: str, peer) -> Row:
    """One GeoJSON export through Sasaran (features/s, server peak memory) vs ogr2ogr on the same table."""
    rule = find_route(("/ekspor/<name>.<fmt>", "/export/<name>.<fmt>"))
    if not rule:
        return unavailable("ekspor GeoJSON", label)
    rule = rule.replace("<name>", layer).replace("<fmt>", "geojson")
    web = session(server)
    server.reset_peak()
    before = server.rss_mb()  # the worker's resident memory before this export
    seconds, features = stream_features(web, server.base + rule)
    peak = server.peak_mb()
    rate = features / seconds if seconds else 0
    peer_s, peer_mb, peer_n = peer()
    peer_rate = peer_n / peer_s if peer_s else 0
    return Row("ekspor GeoJSON", f"{label}: {features:,} fitur via GET {rule}, fitur/s; puncak server {peak:.0f} MB "
               f"(sebelum ekspor {before:.0f} MB)",
               f"{rate:,.0f}", f"ogr2ogr {peer_rate:,.0f} ({peer_mb:.0f} MB)",
               f"{rate / peer_rate:.2f}" if peer_rate else "", ">= ogr2ogr, < 300 MB tambahan",
               verdict(rate >= peer_rate and peak - before < 300))


def signed_in_page(playwright, server: Server, role: str):
    """Debian's Chromium (headless) and a page signed in as the demo user of ``role``."""
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--headless", "--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server.base + "/login")
    page.fill("#username", role)
    page.fill("#password", f"demo-{role}")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return browser, page


def measure_map_page(server: Server) -> list:
    """First render of the map page in Debian's Chromium (Playwright): bytes transferred and ms to load."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser, page = signed_in_page(playwright, server, "admin")
        received = []
        page.on("requestfinished", lambda request: received.append(request.sizes()["responseBodySize"]))
        started = time.perf_counter()
        page.goto(server.base + "/", wait_until="load")
        load_ms = (time.perf_counter() - started) * 1000
        page.wait_for_load_state("networkidle")
        idle_ms = (time.perf_counter() - started) * 1000
        page.screenshot(path=str(server.log.name).replace(".log", "_peta.png"))
        browser.close()
    return [Row("halaman peta", "render pertama '/' (admin, cache dingin): kB / ms sampai load / ms sampai jaringan diam",
                f"{sum(received) / 1e3:,.0f} kB / {load_ms:,.0f} / {idle_ms:,.0f}")]
