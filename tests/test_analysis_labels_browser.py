"""Analysis maps in headless Debian Chromium (issues #4/#5): tooltips name the properties and their
coded values in the interface language, Indonesian by default and English after the switch."""
import pytest

from conftest import browser_login

pytestmark = pytest.mark.browser


def _hotspot_tooltip(page) -> str:
    """Hover a significant Gi* cell (fill opacity 0.45; LISA villages below use 0.35) and read the tooltip."""
    page.goto("/analisis/hotspot")
    cell = page.locator("path.leaflet-interactive[fill-opacity='0.45']").first
    cell.wait_for(state="visible", timeout=30_000)
    cell.hover()
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    return tooltip.inner_text()


def test_analysis_tooltips_are_labelled_in_both_languages(page):
    browser_login(page, "viewer")
    indonesian = _hotspot_tooltip(page)
    assert "Kelas" in indonesian and "Rumah tangga miskin" in indonesian
    assert any(value in indonesian for value in ("Titik panas", "Titik dingin"))
    assert "kelas" not in indonesian and "rumah_tangga" not in indonesian and "gi_z" not in indonesian

    page.click("a[lang='en']")
    page.wait_for_load_state("networkidle")
    english = _hotspot_tooltip(page)
    assert "Class" in english and "Poor households" in english and "Gi* score (z)" in english
    assert any(value in english for value in ("Hot spot", "Cold spot"))
    assert "Kelas" not in english and "Titik panas" not in english
    assert "hot" in page.inner_text("#legenda").lower()
    page.click("a[lang='id']")
    assert page.console_errors == []
    assert page.external_requests == []
