"""Kawasan Prioritas in the browser (#7): a planner draws a polygon with the mouse, names it,
saves it and sees its statistics beside the map; a viewer sees the list without drawing tools."""
import psycopg

from conftest import ARTIFACTS, browser_login


def _map_box(page):
    page.wait_for_selector("#map_peta_kawasan .leaflet-tile-pane, #map_peta_kawasan.leaflet-container")
    return page.locator("#map_peta_kawasan").bounding_box()


def test_planner_draws_saves_and_sees_statistics(page, db_url):
    browser_login(page, "perencana")
    page.goto("/kawasan")
    page.wait_for_load_state("networkidle")
    box = _map_box(page)
    page.evaluate("window.map_peta_kawasan.setView([-5.03, 104.07], 14, {animate: false})")  # Liwa
    page.wait_for_timeout(300)
    page.click(".leaflet-draw-draw-polygon")
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    corners = [(-120, -90), (120, -90), (120, 90), (-120, 90)]
    for dx, dy in corners:
        page.mouse.click(cx + dx, cy + dy)
        page.wait_for_timeout(150)
    page.mouse.click(cx + corners[0][0], cy + corners[0][1])  # close the ring on the first vertex
    page.wait_for_selector("#tabel-statistik", timeout=15000)
    page.fill("#kawasan-nama", "Kawasan uji peramban")
    page.select_option("#kawasan-jenis", "zona_sanitasi")
    page.fill("#kawasan-tahun", "2026")
    page.click("#kawasan-simpan")
    page.wait_for_selector("#kawasan-pesan:not(.d-none)", timeout=15000)
    assert "alert-danger" not in page.get_attribute("#kawasan-pesan", "class"), page.inner_text("#kawasan-pesan")
    page.wait_for_selector("#kawasan-daftar tr:has-text('Kawasan uji peramban')")
    try:
        with psycopg.connect(db_url) as conn:
            row = conn.execute("SELECT id, jenis, tahun, dibuat_oleh, ST_NPoints(geom) FROM kawasan_prioritas "
                               "WHERE nama = 'Kawasan uji peramban' AND dihapus_pada IS NULL").fetchone()
            assert row is not None and row[1:4] == ("zona_sanitasi", 2026, "perencana") and row[4] == 5
            households = conn.execute("SELECT count(*) FROM rumah_tangga r, kawasan_prioritas k WHERE k.id = %s "
                                      "AND r.aktif AND ST_Intersects(r.geom, k.geom)", (row[0],)).fetchone()[0]
        shown = page.locator("#tabel-statistik td").first.get_attribute("data-nilai")
        assert int(shown) == households
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "kawasan_prioritas.png"))
        assert not page.console_errors, page.console_errors
        assert not page.external_requests, page.external_requests
    finally:
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute("DELETE FROM kawasan_prioritas WHERE nama = 'Kawasan uji peramban'")


def test_viewer_reads_without_drawing_tools(page):
    browser_login(page, "viewer")
    page.goto("/kawasan")
    page.wait_for_load_state("networkidle")
    assert page.locator(".leaflet-draw-draw-polygon").count() == 0
    assert page.locator("#kawasan-form").count() == 0
    assert page.locator("#kawasan-daftar").is_visible()
