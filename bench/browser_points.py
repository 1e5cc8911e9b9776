"""Household points at street zoom in a real browser: time from a pan to the points drawn.

Debian's Chromium (Playwright) signs in as perkim (a role that sees points), opens the map page,
switches the household layer on, shows zoom 16 over the benchmark's z16 tile holding the most
households, then pans the map by one screen in a spiral around it (every pan lands on tiles not
loaded yet, all in the dense area) and measures, in the page, from the pan to the household layer's
``load`` event (every visible tile fetched, decoded and drawn on its canvas). Target: under 500 ms.
"""
import math
import statistics

from bench.common import Row, Server, verdict
from bench.web import signed_in_page

TARGET_MS = 500
PANS = 8
DENSEST = """
SELECT count(*) FROM rumah_tangga
WHERE aktif AND geom && ST_Transform(ST_TileEnvelope(%s, %s, %s), 4326)
"""
# In the page (the household layer switched on in the layer control, as a user does): the map, the
# household VectorGrid layer (pane "rumahTangga"), a view at zoom 16, then pans timed to the layer's
# load event.
PAN_SCRIPT = """async ([lon, lat, pans]) => {
  const map = window[Sasaran.config.map];
  let layer = null;
  map.eachLayer(l => { if (l.options && l.options.pane === "rumahTangga") { layer = l; } });
  if (!layer) { return {error: "lapisan rumah tangga tidak ditemukan"}; }
  const loaded = () => new Promise(resolve => layer.once("load", resolve));
  let ready = loaded();
  const first = performance.now();
  map.setView([lat, lon], 16, {animate: false});
  await ready;
  const firstMs = performance.now() - first;
  const times = [], size = map.getSize();
  const spiral = [[1, 0], [0, 1], [-1, 0], [-1, 0], [0, -1], [0, -1], [1, 0], [1, 0]];
  for (let n = 0; n < pans; n++) {
    ready = loaded();
    const started = performance.now();
    map.panBy([spiral[n % spiral.length][0] * size.x, spiral[n % spiral.length][1] * size.y], {animate: false});
    await ready;
    times.push(performance.now() - started);
  }
  return {times: times, first: firstMs};
}"""


def tile_centre(z: int, x: int, y: int) -> tuple[float, float]:
    """Longitude and latitude of the centre of web-mercator tile z/x/y."""
    n = 2 ** z
    lon = (x + 0.5) / n * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + 0.5) / n))))
    return lon, lat


def measure_pan(server: Server, url: str, tile_list: list) -> list:
    """Median and max ms from a pan to the points drawn, around the list's most crowded z16 tile."""
    import psycopg
    from playwright.sync_api import sync_playwright
    with psycopg.connect(url) as conn:
        z, x, y, _ = max((t for t in tile_list if t[0] == 16),
                         key=lambda t: conn.execute(DENSEST, t[:3]).fetchone()[0])
    lon, lat = tile_centre(z, x, y)
    with sync_playwright() as playwright:
        browser, page = signed_in_page(playwright, server, "perkim")
        page.goto(server.base + "/", wait_until="networkidle")
        page.locator(".leaflet-control-layers-overlays label", has_text="Rumah tangga").first.locator(
            "input").evaluate("box => { if (!box.checked) { box.click(); } }")  # the control is folded
        result = page.evaluate(PAN_SCRIPT, [lon, lat, PANS])
        browser.close()
    if "error" in result:
        return [Row("titik di peramban", "geser peta z16 sampai titik tergambar", "gagal", verdict=result["error"])]
    times = result["times"]
    median = statistics.median(times)
    return [Row("titik di peramban", f"perkim, Chromium, z16 di {lon:.4f}, {lat:.4f}: geser satu layar sampai "
                f"lapisan rumah tangga selesai tergambar, median / maks {PANS} geseran, ms (pertama kali, dari "
                f"zoom awal ke z16: {result['first']:.0f} ms)", f"{median:.0f} / {max(times):.0f}",
                target=f"< {TARGET_MS} ms", verdict=verdict(median < TARGET_MS))]


def main() -> None:
    """Command line: the pan measurement alone, on an already loaded benchmark database."""
    import argparse
    import os

    from bench import web
    from bench.dataset import PROVINCE_BOUNDARIES
    from bench.tiles_list import fixed_tiles
    from spatial.users import create_demo_users
    parser = argparse.ArgumentParser(description="Household points at z16 in Chromium: pan to drawn")
    parser.add_argument("--db", required=True, help="a loaded benchmark database (bench.run_all)")
    parser.add_argument("--boundaries", default=PROVINCE_BOUNDARIES)
    args = parser.parse_args()
    create_demo_users(args.db)
    sasaran = web.start_sasaran(args.db)
    try:
        for row in measure_pan(sasaran, args.db, fixed_tiles(args.boundaries)):
            print(f"{row.measure}: {row.value} ({row.target}: {row.verdict})")
        print(f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        sasaran.stop()


if __name__ == "__main__":
    main()
