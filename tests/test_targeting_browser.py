"""Issue #24 in headless Debian Chromium: the Tepat Sasaran page shows the village choropleth and the
exclusion hot spots at once on the sample, with no outside request, and the tooltip names a village."""
import pytest

from conftest import browser_login

pytestmark = pytest.mark.browser


def test_targeting_map_shows_at_once(page):
    browser_login(page, "perkim")
    page.goto("/tepat-sasaran/?program=pkh&periode=2026")
    villages = page.locator("path.leaflet-interactive")
    villages.first.wait_for(state="visible", timeout=30_000)
    assert villages.count() > 100  # the villages of the sample (and the hot spots)
    coloured = page.locator("path.leaflet-interactive[fill='#a50f15'], path.leaflet-interactive[fill='#de2d26']")
    assert 0 < coloured.count() < villages.count() / 2  # the planted exclusion villages are dark, most are not
    coloured.first.hover()
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert "Desa" in tooltip.inner_text()
    assert page.locator("#tabel-desa tbody tr").count() > 100
    assert page.console_errors == []
    assert page.external_requests == []
