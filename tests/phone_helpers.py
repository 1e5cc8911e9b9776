"""Phones in the browser tests (issue #19): the 390x844 screen of the ``phone`` fixture (conftest) and
the check that a page fits it (nothing wider than the screen, every visible action button inside it)."""
PHONE = {"width": 390, "height": 844}

# Visible buttons (and links styled as buttons) that lie outside the screen's width, and how much
# wider than the screen the page is.
FITS = """() => {
    const width = document.documentElement.clientWidth;
    const outside = [...document.querySelectorAll('button, .btn, input[type=submit], input[type=checkbox]')]
        .filter((b) => b.checkVisibility() && !b.closest('.leaflet-container'))
        .filter((b) => { const r = b.getBoundingClientRect(); return r.width > 0 && (r.right > width + 1 || r.left < -1); })
        .map((b) => (b.id || b.textContent.trim() || b.name || b.className).slice(0, 40));
    return {overflow: document.documentElement.scrollWidth - width, outside: outside};
}"""


def assert_fits(page, *visible: str) -> None:
    """Nothing overflows the phone's width, every visible action button lies inside it, and each
    selector of ``visible`` is shown (scrolled into view: within thumb reach on this page)."""
    found = page.evaluate(FITS)
    assert found["overflow"] <= 0, f"{page.url}: page {found['overflow']} px wider than the screen"
    assert not found["outside"], f"{page.url}: buttons outside the screen: {found['outside']}"
    for selector in visible:
        element = page.locator(selector).first
        element.scroll_into_view_if_needed()
        assert element.is_visible(), f"{page.url}: {selector} not visible"
        box = element.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, (page.url, selector, box)
