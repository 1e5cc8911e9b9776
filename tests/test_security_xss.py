"""Issue #8: hostile text in village, household, facility and area names, addresses and notes is
shown as text by a real browser (Debian Chromium) on every page that displays it; nothing runs."""
import csv
import io
import re
import threading

import psycopg
import pytest

from conftest import browser_login, make_app
from spatial.users import create_demo_users

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
PAYLOAD = f"Desa {IMG} {SCRIPT}"
VILLAGE = "18.04.04.2002"
FORMULA = '=HYPERLINK("http://contoh.invalid","klik")'


@pytest.fixture(scope="module")
def hostile_server(module_scratch_db):
    """A live server on a fresh database whose texts are hostile."""
    from werkzeug.serving import make_server

    url = module_scratch_db
    create_demo_users(url)
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE desa SET nama = %s WHERE kode_desa = %s", (PAYLOAD, VILLAGE))
        point = conn.execute("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM desa "
                             "WHERE kode_desa = %s) s", (VILLAGE,)).fetchone()
        conn.execute("""
            INSERT INTO rumah_tangga (kode_prov, id_keluarga, nik_kepala, nama_kepala, kode_desa_deklarasi, kode_desa,
                                      kode_kec, kode_kab, alamat, geom, desil, jumlah_anggota)
            SELECT '18', 'XSS-' || i, '180404123456000' || i, %(nama)s, %(kode)s, %(kode)s, '18.04.04', '18.04',
                   %(alamat)s, ST_SetSRID(ST_MakePoint(%(x)s + i * 1e-6, %(y)s), 4326), 1, 4
            FROM generate_series(1, 3) i""",
                     {"nama": f"Budi {IMG}", "alamat": f"Jl. {SCRIPT}", "kode": VILLAGE, "x": point[0], "y": point[1]})
        conn.execute("""INSERT INTO fasilitas (id_fasilitas, jenis, nama, kode_desa_deklarasi, kode_desa, kode_kab,
                                               kondisi, geom)
                        VALUES ('XSS1', 'sumur_bor', %s, %s, %s, '18.04', 'baik',
                                ST_SetSRID(ST_MakePoint(%s, %s), 4326))""",
                     (f"Sumur {SCRIPT}", VILLAGE, VILLAGE, point[0] + 0.001, point[1]))
        conn.execute("""INSERT INTO fasilitas (id_fasilitas, jenis, nama, kode_desa_deklarasi, kode_desa, kode_kab,
                                               kondisi, geom)
                        VALUES ('XSS2', 'mck_komunal', %s, %s, %s, '18.04', 'baik',
                                ST_SetSRID(ST_MakePoint(%s, %s), 4326))""",
                     (FORMULA, VILLAGE, VILLAGE, point[0] - 0.001, point[1]))
        formula_village = conn.execute("UPDATE desa SET nama = '@SUM(1+1)' WHERE kode_desa = (SELECT min(kode_desa) "
                                       "FROM desa WHERE kode_desa <> %s) RETURNING kode_desa", (VILLAGE,)).fetchone()[0]
        has_areas = conn.execute("SELECT to_regclass('kawasan_prioritas') IS NOT NULL").fetchone()[0]
        if has_areas:
            conn.execute("""INSERT INTO kawasan_prioritas (nama, catatan, geom, dibuat_oleh)
                            SELECT %s, %s, ST_Multi(ST_Buffer(ST_PointOnSurface(geom), 0.002)), 'uji'
                            FROM desa WHERE kode_desa = %s""", (f"Kawasan {IMG}", f"Catatan {SCRIPT}", VILLAGE))
    app = make_app(url)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"base": f"http://127.0.0.1:{server.server_port}", "point": point, "areas": has_areas, "app": app,
           "formula_village": formula_village}
    server.shutdown()
    app.extensions["db_pool"].close()


@pytest.fixture
def tab(browser, hostile_server):
    """A browser page on the hostile server that records dialogs (alert() would open one)."""
    context = browser.new_context(base_url=hostile_server["base"], viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.csp_errors = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda msg: page.csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield page
    context.close()


def _assert_inert(page):
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == page.evaluate(
        "Array.from(document.scripts).filter(s => !s.src && !s.textContent.includes('alert(1)</')).length")


def test_dashboard_popups_show_text(tab, hostile_server):
    browser_login(tab, "perkim")
    tab.goto("/")
    tab.wait_for_selector("body[data-map-ready='1']")
    tab.evaluate(f"""() => {{
        const layer = Sasaran.choropleth.byCode['{VILLAGE}'];
        layer.openTooltip(layer.getBounds().getCenter());
    }}""")
    assert IMG in tab.locator(".leaflet-tooltip").inner_text()
    tab.evaluate(f"() => Sasaran.choropleth.byCode['{VILLAGE}'].openPopup()")
    assert IMG in tab.locator(".leaflet-popup-content").inner_text()
    # facilities and priority areas: switch their layers on as the layer control would
    tab.evaluate("""() => {
        const map = window[Sasaran.config.map];
        for (const key of ['fasilitas_air', 'kawasan']) {
            const group = window[Sasaran.config.groups[key]];
            map.addLayer(group); map.fire('overlayadd', {layer: group});
        }
    }""")
    tab.wait_for_function("() => window[Sasaran.config.groups['fasilitas_air']].getLayers().length > 0")
    if hostile_server["areas"]:
        tab.wait_for_function("() => window[Sasaran.config.groups['kawasan']].getLayers().length > 0")
    texts = tab.evaluate("""() => {
        const map = window[Sasaran.config.map], found = [];
        for (const key of ['fasilitas_air', 'kawasan']) {
            window[Sasaran.config.groups[key]].eachLayer(function visit(layer) {
                if (layer.eachLayer) { layer.eachLayer(visit); return; }
                if (layer.getPopup && layer.getPopup()) {
                    layer.openPopup();
                    found.push(document.querySelector('.leaflet-popup-content').innerText);
                }
            });
        }
        return found;
    }""")
    assert any(SCRIPT in text for text in texts), texts
    if hostile_server["areas"]:
        assert any(IMG in text for text in texts), texts
    _assert_inert(tab)


def test_household_popup_and_search_show_text(tab, hostile_server):
    browser_login(tab, "perkim")
    tab.goto("/")
    tab.wait_for_selector("body[data-map-ready='1']")
    x, y = hostile_server["point"]
    tab.evaluate(f"""() => {{
        const map = window[Sasaran.config.map], households = window[Sasaran.config.households];
        map.addLayer(households); map.setView([{y}, {x} + 1e-6], 18, {{animate: false}});
        map.fire('preclick', {{latlng: L.latLng({y}, {x} + 1e-6)}});
    }}""")
    tab.wait_for_selector(".household-popup")
    popup = tab.locator(".household-popup").inner_text()
    assert IMG in popup and SCRIPT in popup
    tab.fill("#village-search input", "onerror")
    tab.press("#village-search input", "Enter")
    tab.wait_for_selector("#village-search-results li[data-kode]")
    assert IMG in tab.locator("#village-search-results").inner_text()
    _assert_inert(tab)


def test_village_profile_shows_text(tab):
    browser_login(tab, "perkim")
    tab.goto(f"/desa/{VILLAGE}")
    tab.wait_for_selector("body[data-map-ready='1']")
    assert PAYLOAD in tab.locator("h1").inner_text()
    assert IMG in tab.locator("#priority-households").inner_text()
    tab.hover(".leaflet-control-layers")
    assert IMG in tab.locator(".leaflet-control-layers").inner_text()
    assert SCRIPT in tab.title()
    _assert_inert(tab)
    assert tab.csp_errors == []


def test_exports_neutralise_formulas(hostile_server):
    """Cells starting with = + - @ leave the real CSV exports as text (leading apostrophe)."""
    client = hostile_server["app"].test_client()
    page = client.get("/login").get_data(as_text=True)  # CSRF is on: the token comes from the form
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert client.post("/login", data={"username": "admin", "password": "demo-admin",
                                        "csrf_token": token.group(1)}).status_code == 302
    facilities = list(csv.DictReader(io.StringIO(client.get("/ekspor/fasilitas.csv").get_data(as_text=True))))
    names = {row["id_fasilitas"]: row["nama"] for row in facilities}
    assert names["XSS2"] == "'" + FORMULA and names["XSS1"] == f"Sumur {SCRIPT}"
    villages = list(csv.DictReader(io.StringIO(client.get("/ekspor/desa.csv").get_data(as_text=True))))
    assert {row["kode_desa"]: row["nama"] for row in villages}[hostile_server["formula_village"]] == "'@SUM(1+1)"


def test_household_lookup_is_scoped_and_audited(hostile_server, module_scratch_db):
    """A perkim operator scoped to another kecamatan does not see the household; an in-scope one
    does, with the NIK masked, and the look-up is in the audit log."""
    from spatial.users import save_user

    x, y = hostile_server["point"]
    save_user("opr_luar", "Kopi-Liwa-7-Gunung", "perkim", kode_wilayah="18.04.05", url=module_scratch_db)
    save_user("opr_dalam", "Kopi-Liwa-7-Gunung", "perkim", kode_wilayah="18.04.04", url=module_scratch_db)
    app = make_app(module_scratch_db, WTF_CSRF_ENABLED=False)
    answers = {}
    for user in ("opr_luar", "opr_dalam"):
        client = app.test_client()
        assert client.post("/login", data={"username": user, "password": "Kopi-Liwa-7-Gunung"}).status_code == 302
        answers[user] = client.get(f"/api/households/nearest?lat={y}&lon={x}&z=18").get_json()
        answers[user + "_profil"] = client.get(f"/desa/{VILLAGE}").get_data(as_text=True)
    app.extensions["db_pool"].close()
    assert answers["opr_luar"] == {"found": False}
    household = answers["opr_dalam"]["household"]
    assert household["id_keluarga"].startswith("XSS-") and household["nik_kepala"].startswith("1804********")
    assert 'id="priority-households"' in answers["opr_dalam_profil"]
    assert 'id="priority-households"' not in answers["opr_luar_profil"]
    with psycopg.connect(module_scratch_db) as conn:
        audited = conn.execute("SELECT pengguna, aksi FROM audit_log WHERE objek = 'rumah_tangga' "
                               "AND pengguna LIKE 'opr_%' ORDER BY id").fetchall()
    assert ("opr_dalam", "lihat") in audited and ("opr_dalam", "lihat_daftar") in audited
    assert all(user == "opr_dalam" for user, _ in audited)
