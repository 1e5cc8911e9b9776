"""Maps people can read without internet (#20): a basemap from a local PMTiles/MBTiles file served by
the app, the fallback when the online basemap cannot be reached, and labels that never overlap.

Browser tests block every request that does not go to the app (an office without internet) and
record it."""
import threading

import pytest
from pmtiles.reader import MmapSource, all_tiles

from basemap_helpers import MAX_ZOOM, build_basemap
from conftest import make_app
from spatial.basemap import MBTILES_MAGIC, PMTILES_MAGIC, BasemapError, open_basemap


@pytest.fixture(scope="module")
def basemap_files(db_url, tmp_path_factory):
    """The test basemap (MBTiles and PMTiles) built from the sample's village and kecamatan geometries."""
    return build_basemap(db_url, tmp_path_factory.mktemp("peta_dasar"))


def _serve(app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture
def offline_tab(browser):
    """Open a page on ``base`` with every request elsewhere aborted and recorded in ``tab.blocked``."""
    contexts = []

    def open_tab(base):
        context = browser.new_context(base_url=base, viewport={"width": 1200, "height": 800})
        contexts.append(context)
        tab = context.new_page()
        tab.blocked, tab.errors, tab.basemap_tiles = [], [], []

        def route(r):
            if r.request.url.startswith((base, "data:", "blob:")):
                r.continue_()
            else:
                tab.blocked.append(r.request.url)
                r.abort("internetdisconnected")
        tab.route("**/*", route)
        tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
        tab.on("response", lambda res: tab.basemap_tiles.append(res.status) if "/peta-dasar/" in res.url else None)
        return tab
    yield open_tab
    for context in contexts:
        context.close()


def _labels(tab) -> list:
    return tab.eval_on_selector_all(".sasaran-label", "els => els.map(e => { const r = e.getBoundingClientRect();"
                                                       " return [e.textContent, r.left, r.top, r.right, r.bottom]; })")


# Labels protomaps-leaflet placed from the basemap's tiles at the current zoom (its label index).
BASEMAP_LABELS = ("(() => { const index = Sasaran.basemapLayer().labelers.getIndex(window[Sasaran.config.map]"
                  ".getZoom()); return index ? index.tree.all().length : 0; })()")


def _switch_app_labels(tab):
    """Click the layer control's "Nama desa dan kecamatan" box (the app's own labels)."""
    tab.evaluate("() => [...document.querySelectorAll('.leaflet-control-layers-overlays label')]"
                 ".find(l => l.textContent.includes('Nama desa dan kecamatan')).querySelector('input').click()")


def _assert_no_overlap(labels):
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, f"labels overlap: {a[0]!r} and {b[0]!r}"


def test_archive_reader_answers_tiles_in_xyz_order(basemap_files):
    mbtiles, pmtiles = (open_basemap(basemap_files[k]) for k in ("mbtiles", "pmtiles"))
    assert mbtiles.vector and pmtiles.vector and mbtiles.max_zoom == pmtiles.max_zoom == MAX_ZOOM
    with open(basemap_files["pmtiles"], "rb") as handle:  # a tile of zoom 10, as the PMTiles archive lists it
        z, x, y = next(zxy for zxy, _data in all_tiles(MmapSource(handle)) if zxy[0] == 10)
    tms_y = 2 ** z - 1 - y  # MBTiles stores rows counted from the south
    assert mbtiles.tile(z, x, y) and pmtiles.tile(z, x, y) and mbtiles.tile(z, x, y) == pmtiles.tile(z, x, y)
    assert mbtiles.tile(z, x, tms_y) is None or tms_y == y
    assert mbtiles.tile(MAX_ZOOM + 1, 0, 0) is None and mbtiles.tile(3, 99, 0) is None


@pytest.mark.parametrize("content", [b"", b"bukan peta", PMTILES_MAGIC + b"\x03" + b"\0" * 8, MBTILES_MAGIC + b"\0" * 200])
def test_unusable_basemap_file_is_refused_with_the_reason(tmp_path, content):
    path = tmp_path / "rusak.pmtiles"
    path.write_bytes(content)
    with pytest.raises(BasemapError, match="rusak.pmtiles"):
        open_basemap(path)
    with pytest.raises(BasemapError, match="tidak ditemukan"):
        open_basemap(tmp_path / "tidak_ada.mbtiles")


def test_unusable_file_falls_back_to_the_next_basemap(db_url, tmp_path):
    broken = tmp_path / "rusak.mbtiles"
    broken.write_bytes(b"rusak")
    app = make_app(db_url, BASEMAP_FILE=str(broken), BASEMAP_URL="https://ubin.contoh.go.id/{z}/{x}/{y}.png")
    page = app.test_client().get("/").get_data(as_text=True)
    assert "ubin.contoh.go.id" in page and "tile.openstreetmap.org" in page, "configured URL, then OSM"
    assert app.test_client().get("/peta-dasar/10/800/530").status_code == 404


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["pmtiles", "mbtiles"])
def test_dashboard_offline_draws_the_local_basemap_and_labels(db_url, basemap_files, offline_tab, kind, tmp_path):
    server, base = _serve(make_app(db_url, BASEMAP_FILE=str(basemap_files[kind]), BASEMAP_URL="none"))
    try:
        tab = offline_tab(base)
        tab.goto("/")
        tab.wait_for_selector("body[data-map-ready='1']", timeout=60000)
        tab.wait_for_function("() => document.querySelectorAll('.leaflet-tile-pane canvas').length > 0", timeout=30000)
        tab.evaluate("() => { const m = window[Sasaran.config.map]; m.setZoom(m.getZoom() + 1); }")
        tab.wait_for_function("() => document.querySelectorAll('.sasaran-label').length > 5", timeout=30000)
        assert tab.basemap_tiles and set(tab.basemap_tiles) <= {200, 404}, tab.basemap_tiles
        assert tab.basemap_tiles.count(200) >= 4, "basemap tiles served by the app"
        assert tab.blocked == [], f"requests outside the server: {tab.blocked[:5]}"
        assert tab.errors == []
        labels = _labels(tab)
        _assert_no_overlap(labels)
        assert any(text.isupper() for text, *_ in labels), "kecamatan names are labelled"
        # The basemap's own place names would repeat the app's village names, faintly, under the
        # choropleth: hidden while the app's labels are on, back when the user switches those off.
        tab.wait_for_function("() => document.querySelectorAll('.leaflet-tile-pane canvas.leaflet-tile-loaded')"
                              ".length >= 4", timeout=30000)
        tab.wait_for_function(f"() => {BASEMAP_LABELS} === 0", timeout=30000)
        _switch_app_labels(tab)
        tab.wait_for_function(f"() => {BASEMAP_LABELS} > 0", timeout=30000)
        _switch_app_labels(tab)
        tab.wait_for_function(f"() => {BASEMAP_LABELS} === 0", timeout=30000)
        assert _labels(tab), "the app's labels are back"
        if kind == "pmtiles":
            tab.screenshot(path=str(tmp_path / "dasbor_luring.png"))
    finally:
        server.shutdown()


@pytest.mark.browser
def test_without_internet_the_online_basemap_is_dropped_and_the_map_stays_readable(db_url, offline_tab):
    server, base = _serve(make_app(db_url, BASEMAP_URL="https://tile.openstreetmap.org/{z}/{x}/{y}.png"))
    try:
        tab = offline_tab(base)
        tab.goto("/")
        tab.wait_for_selector("body[data-map-ready='1']", timeout=60000)
        tab.wait_for_selector(".sasaran-tanpa-peta-dasar", timeout=30000)
        first = len(tab.blocked)
        assert first > 0 and all("tile.openstreetmap.org" in url for url in tab.blocked)
        tab.evaluate("() => { const m = window[Sasaran.config.map]; m.setZoom(m.getZoom() + 2); }")
        tab.wait_for_function("() => document.querySelectorAll('.sasaran-label').length > 5", timeout=30000)
        assert len(tab.blocked) == first, "no further outside requests once the online basemap is dropped"
        _assert_no_overlap(_labels(tab))
        assert tab.errors == []
    finally:
        server.shutdown()
