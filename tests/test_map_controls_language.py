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

COLLECT = """() => {
  const texts = new Set();
  document.querySelectorAll('.leaflet-control-container, .leaflet-draw-tooltip').forEach(root => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) { const t = node.nodeValue.trim(); if (t) texts.add(t); }
    root.querySelectorAll('[title]').forEach(el => texts.add(el.getAttribute('title').trim()));
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
def test_drawing_and_measure_controls_speak_the_page_language(page):
    browser_login(page, "perencana")
    page.goto("/kawasan")
    indonesian = _control_texts(page)
    leftovers = indonesian & (MEASURE_ENGLISH | DRAW_ENGLISH)
    assert not leftovers, f"English left in Bahasa mode: {sorted(leftovers)}"
    assert {"Hapus titik terakhir", "Ukur jarak dan luas", "Gambar poligon"} <= indonesian

    page.goto("/bahasa/en")
    page.goto("/kawasan")
    english = _control_texts(page)
    ours = indonesian - english
    assert {"Delete last point", "Measure distances and areas", "Draw a polygon"} <= english
    assert not (english & ours), f"Bahasa left in English mode: {sorted(english & ours)}"


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
