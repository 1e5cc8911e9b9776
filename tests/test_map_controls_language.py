"""Every map control speaks the page's language (#20): Leaflet.draw's toolbar and tooltips and
leaflet-measure's control, in Bahasa Indonesia and in English, with no leftover of the other
language; the drawing maps (Kawasan, Seleksi) show the context layers in their layer control."""
import json
from pathlib import Path

import pytest

from conftest import browser_login

ROOT = Path(__file__).resolve().parent.parent
MEASURE_ENGLISH = set(json.loads((ROOT / "node_modules/leaflet-measure/languages/en.json").read_text()).values()) \
    - {".", ","}
DRAW_ENGLISH = {"Cancel", "Finish", "Delete last point", "Draw a polygon", "Draw a rectangle", "Cancel drawing",
                "Finish drawing", "Delete last point drawn", "Click to start drawing shape.",
                "Click to continue drawing shape.", "Click first point to close this shape.", "Edit layers",
                "No layers to edit", "Save", "Save changes", "Click and drag to draw rectangle."}
LEAFLET_ENGLISH = {"Zoom in", "Zoom out", "Close popup", "Full Screen", "Exit Full Screen"}

COLLECT = """() => {
  const texts = new Set();
  document.querySelectorAll('.leaflet-control-container, .leaflet-draw-tooltip, .leaflet-popup').forEach(root => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) { const t = node.nodeValue.trim(); if (t) texts.add(t); }
    root.querySelectorAll('[title], [aria-label]').forEach(el => ['title', 'aria-label'].forEach(name => {
      if (el.getAttribute(name)) { texts.add(el.getAttribute(name).trim()); }
    }));
  });
  return [...texts];
}"""


def _control_texts(tab) -> set:
    """Texts of the map controls with the polygon tool and the measure tool both opened."""
    tab.wait_for_selector(".leaflet-draw-draw-polygon")
    tab.click(".leaflet-draw-draw-polygon")
    box = tab.locator(".folium-map").bounding_box()
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.wait_for_selector(".leaflet-draw-tooltip")
    texts = set(tab.evaluate(COLLECT))
    tab.keyboard.press("Escape")
    tab.hover(".leaflet-control-measure")
    tab.click(".leaflet-control-measure .js-start")
    texts |= set(tab.evaluate(COLLECT))
    tab.hover(".leaflet-control-measure")
    return texts | set(tab.evaluate(COLLECT))


@pytest.mark.browser
@pytest.mark.parametrize("role,path", [("perencana", "/kawasan"), ("perkim", "/seleksi/")])
def test_drawing_and_measure_controls_speak_the_page_language(page, role, path, db_url):
    browser_login(page, role)
    program = None
    if path == "/seleksi/":
        from selection_helpers import new_program
        program = new_program(db_url, "Bahasa peta uji")
        path = f"/seleksi/{program}"
    try:
        page.goto(path)
        indonesian = _control_texts(page)
        leftovers = indonesian & (MEASURE_ENGLISH | DRAW_ENGLISH | LEAFLET_ENGLISH)
        assert not leftovers, f"English left in Bahasa mode: {sorted(leftovers)}"
        assert {"Hapus titik terakhir", "Ukur jarak dan luas", "Gambar poligon", "Perbesar"} <= indonesian

        page.goto("/bahasa/en")
        page.goto(path)
        english = _control_texts(page)
        ours = indonesian - english
        assert {"Delete last point", "Measure distances and areas", "Draw a polygon", "Zoom in"} <= english
        assert not (english & ours), f"Bahasa left in English mode: {sorted(english & ours)}"
    finally:
        if program is not None:
            from selection_helpers import drop_programs
            drop_programs(db_url, [program])


@pytest.mark.browser
@pytest.mark.parametrize("role,path", [("perencana", "/kawasan"), ("perkim", "/seleksi/")])
def test_drawing_maps_have_the_context_layers(page, role, path, db_url):
    browser_login(page, role)
    if path == "/seleksi/":
        from selection_helpers import drop_programs, new_program
        program = new_program(db_url, "Konteks peta uji")
        path = f"/seleksi/{program}"
    try:
        page.goto(path)
        page.wait_for_selector(".leaflet-control-layers", state="attached")
        names = page.eval_on_selector_all(".leaflet-control-layers-overlays label span",
                                          "els => els.map(e => e.textContent.trim())")
        for expected in ("Batas kecamatan", "Nama desa dan kecamatan", "Kantong kemiskinan", "Titik panas (hot spot)",
                         "Klaster belum terlayani", "Fasilitas air minum", "Fasilitas sanitasi", "Rumah tangga"):
            assert expected in names, (path, expected, names)
        page.wait_for_function("() => document.querySelectorAll('.sasaran-label').length > 0", timeout=30000)
    finally:
        if role == "perkim":
            drop_programs(db_url, [program])


@pytest.mark.browser
def test_dashboard_controls_and_popups_speak_the_page_language(page):
    """Peta Utama without drawing tools: zoom, full screen, measure and a village popup."""
    found = {}
    for lang in ("id", "en"):
        page.goto(f"/bahasa/{lang}")
        page.goto("/")
        page.wait_for_selector("body[data-map-ready='1']", timeout=60000)
        page.evaluate("() => { const m = window[Sasaran.config.map]; L.popup().setLatLng(m.getCenter())"
                      ".setContent('uji').openOn(m); }")
        page.wait_for_selector(".leaflet-popup-close-button")
        page.hover(".leaflet-control-measure")
        found[lang] = set(page.evaluate(COLLECT))
    leftovers = found["id"] & (MEASURE_ENGLISH | LEAFLET_ENGLISH)
    assert not leftovers, f"English left in Bahasa mode: {sorted(leftovers)}"
    assert {"Perbesar", "Perkecil", "Tutup popup", "Layar penuh", "Ukur jarak dan luas"} <= found["id"]
    assert {"Zoom in", "Zoom out", "Close popup", "Full screen", "Measure distances and areas"} <= found["en"]
    assert not (found["en"] & (found["id"] - found["en"]))
