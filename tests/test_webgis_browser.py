"""The map pages in headless Debian Chromium (issue #5): no console errors, no request leaves the
app, villages drawn, indicator switch recolours villages and legend, household popup on click,
language switch; a dashboard screenshot is saved to tests/artifacts/."""
import pytest

from conftest import ARTIFACTS, browser_login

pytestmark = pytest.mark.browser
VILLAGE = "18.04.04.2002"


def _open_map(page, path):
    """Open a map page and wait until peta.js has drawn the map and every layer shown at first."""
    page.goto(path)
    page.wait_for_selector("body[data-map-ready='1']", state="attached", timeout=30_000)


def _village_colours(page):
    return page.eval_on_selector_all("path.desa-poly", "ps => ps.map(p => p.getAttribute('fill'))")


def _assert_clean(page):
    assert page.console_errors == []
    assert page.external_requests == []


def test_dashboard_draws_villages_and_switching_the_indicator_recolours_map_and_legend(page, db):
    _open_map(page, "/")
    villages = db.execute("SELECT count(*) FROM desa").fetchone()[0]
    assert page.locator("path.desa-poly").count() == villages
    before, legend_before = _village_colours(page), page.inner_text(".sasaran-legend")
    assert len(set(before)) >= 3  # classed, not one colour
    page.select_option("#indicator-select", "persen_tanpa_air_layak")
    page.wait_for_selector(".sasaran-legend[data-indicator='persen_tanpa_air_layak']")
    after, legend_after = _village_colours(page), page.inner_text(".sasaran-legend")
    assert after != before and legend_after != legend_before
    assert "air minum" in legend_after
    # every fill colour of the map is one of the legend's swatches
    swatches = page.eval_on_selector_all(".sasaran-legend .legend-swatch",
                                         "ss => ss.map(s => getComputedStyle(s).backgroundColor)")
    fills = page.eval_on_selector_all("path.desa-poly", "ps => ps.map(p => getComputedStyle(p).fill)")
    assert set(fills) <= set(swatches)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
    _assert_clean(page)


def test_village_search_zooms_to_the_village(page):
    _open_map(page, "/")
    page.fill("#village-q", "1804041001")
    page.click("#village-search button")
    page.wait_for_selector(".leaflet-popup-content:has-text('Pasar Liwa')")
    assert page.locator("#village-search-results li[data-kode='18.04.04.1001']").count() == 1
    _assert_clean(page)


def test_click_on_a_household_shows_its_popup_for_perkim(page, db):
    lat, lon, keluarga = db.execute(
        "SELECT ST_Y(geom), ST_X(geom), id_keluarga FROM rumah_tangga WHERE aktif AND geom IS NOT NULL "
        "AND kualitas_lokasi = 'gps' ORDER BY id LIMIT 1").fetchone()
    browser_login(page, "perkim")
    _open_map(page, "/")
    page.evaluate("""([lat, lon]) => new Promise(done => {
        const map = window[Sasaran.config.map], households = window[Sasaran.config.households];
        households.once("load", done);  // every vector tile in view has arrived
        map.addLayer(households);
        map.setView([lat, lon], 18, {animate: false});
    })""", [lat, lon])
    page.wait_for_selector(".leaflet-rumahTangga-pane canvas")
    box = page.locator(".folium-map").bounding_box()
    point = page.evaluate("""([lat, lon]) => window[Sasaran.config.map].latLngToContainerPoint([lat, lon])""", [lat, lon])
    page.mouse.click(box["x"] + point["x"] + 2, box["y"] + point["y"] + 1)
    popup = page.wait_for_selector(".household-popup", timeout=10_000)
    assert keluarga in popup.inner_text()
    _assert_clean(page)


def test_language_switch_changes_labels(page):
    _open_map(page, "/")
    assert page.inner_text("main h1") == "Peta Utama"
    page.click("a[lang='en']")
    page.wait_for_selector("body[data-map-ready='1']")
    assert page.inner_text("main h1") == "Main map"
    assert "Households in desil 1-2" in page.inner_text(".sasaran-legend")
    assert page.locator("#indicator-select option[value='persen_tanpa_sanitasi_layak']").inner_text() == \
        "Without improved sanitation"
    page.click("a[lang='id']")
    page.wait_for_selector("body[data-map-ready='1']")
    _assert_clean(page)


def test_village_profile_page_map_charts_and_print_view(page):
    _open_map(page, f"/desa/{VILLAGE}")
    assert page.locator("path.desa-poly").count() == 1
    page.wait_for_function("() => document.querySelectorAll('canvas[id^=chart-]').length >= 1 && "
                           "Object.keys(Chart.instances).length >= 1")
    assert page.locator("#indicator-table tbody tr").count() == 5
    assert page.locator(".leaflet-control-scale").count() == 1
    _open_map(page, f"/desa/{VILLAGE}?cetak=1")
    assert not page.locator("nav.navbar").is_visible()
    _open_map(page, "/?cetak=1")
    assert not page.locator("nav.navbar").is_visible() and page.locator(".sasaran-legend").is_visible()
    _assert_clean(page)
