"""One clock and one number format (issue #19): every page, in Bahasa Indonesia and in English,
shows times in the office's zone with its label, no raw ISO timestamp, and numbers in the
language's format (``1.856`` / ``23,4`` and ``1,856`` / ``23.4``).

Every GET route of the app is either visited here (with sample values for its arguments) or listed
in NOT_PAGES with the reason, so a new page is scanned or consciously left out. The server's HTML
is read for every page; pages whose numbers are written by JavaScript are also read in Chromium."""
import datetime

import psycopg
import pytest

from spatial.selection import actions, candidates, fieldform, fieldwork
from tests.conftest import login
from tests.fieldform_helpers import fill
from tests.page_text import problems, visible_text
from tests.selection_helpers import drop_programs, new_program, program

# Routes that are not pages people read (data, files, redirects), with why.
NOT_PAGES = {
    "static": "files", "assets.vendor": "files", "basemap.tile": "map tiles", "tiles.households": "map tiles",
    "health.healthz": "JSON", "i18n.switch_language": "redirect", "imports.job_status": "JSON",
    "imports.rejects_report": "download", "exports.download": "download", "seleksi.export_list": "download",
    "seleksi.photo": "image", "ogcapi.api": "OpenAPI JSON", "ogcapi.schema": "JSON Schema",
    "ogcapi.xml_schema_view": "XML schema", "ogcapi.queryables": "JSON Schema",
    "imports.job": "needs a running upload (tests/test_import_web.py)", "lapangan.report": "download",
    "imports.values_form": "needs a running upload (tests/test_import_values_browser.py)",
}
ANALYSIS_PAGES = ("kantong", "hotspot", "celah", "skor", "lokasi")
# Pages whose figures JavaScript writes after loading: read in the browser too.
BROWSER_PAGES = ("/", "/seleksi/{program}", "/seleksi/{program}/daftar", "/analisis/celah", "/analisis/skor",
                 "/kawasan")
# The visible text nodes of the page, one space apart, without codes, ids and form fields.
VISIBLE_TEXT = """() => {
    const skip = 'script, style, code, kbd, select, textarea, .kode, .font-monospace';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent && !parent.closest(skip) && parent.checkVisibility()) { parts.push(node.textContent); }
    }
    return parts.join(' ');
}"""


@pytest.fixture(scope="module")
def programme(db_url):
    """A programme with a verified, a decided and a rejected household (history with times)."""
    program_id = new_program(db_url, "Uji format halaman", 10)
    with psycopg.connect(db_url) as conn:
        rows = candidates.households(conn, program(conn, program_id))[:4]
        actions.add_households(conn, program_id, [(r["kode_prov"], r["id"]) for r in rows], "budi")
        ids = [r[0] for r in conn.execute("SELECT id FROM seleksi WHERE program_id = %s ORDER BY id", (program_id,))]
        actions.transition(conn, program_id, ids[0], "terverifikasi", "budi", verifikator="Sari",
                           tanggal=datetime.date(2027, 3, 1))
        actions.transition(conn, program_id, ids[0], "ditetapkan", "kabid")
        actions.transition(conn, program_id, ids[1], "ditolak", "budi", alasan="pindah")
        area = conn.execute("SELECT luas_lantai_m2 FROM rumah_tangga WHERE kode_prov = %s AND id = %s",
                            (rows[2]["kode_prov"], rows[2]["id"])).fetchone()[0]
        program_row = program(conn, program_id)
        filled = fill(fieldform.write(program_row, fieldwork.form_rows(conn, program_id), "budi"), {
            ids[2]: {"Layak (ya/tidak)": "ya", "Petugas": "Sari", "Tanggal kunjungan": datetime.date(2027, 3, 2),
                     "Koreksi luas lantai (m²)": "1234,5"},
            ids[3]: {"Layak (ya/tidak)": "mungkin"}})
        plan = fieldwork.plan(conn, program_row, fieldform.read(filled), today=datetime.date(2027, 3, 5))
        upload_id = fieldwork.store(conn, program_row, "formulir.xlsx", filled, plan, "budi", None)
        fieldwork.apply(conn, program_id, upload_id, "budi")
        conn.commit()
        child = conn.execute("SELECT min(id) FROM pengukuran_anak").fetchone()[0]   # the sample's posyandu data
    yield {"program": program_id, "desa": rows[0]["kode_desa"], "rumah_tangga": (rows[2]["kode_prov"], rows[2]["id"]),
           "upload": upload_id, "anak": child}
    with psycopg.connect(db_url) as conn:
        conn.execute("UPDATE rumah_tangga SET luas_lantai_m2 = %s WHERE kode_prov = %s AND id = %s",
                     (area, rows[2]["kode_prov"], rows[2]["id"]))
        conn.execute("DELETE FROM rumah_tangga_koreksi WHERE unggahan_id = %s", (upload_id,))
    drop_programs(db_url, [program_id])


def _pages(app, values: dict) -> list[str]:
    """One URL of every page route; fails naming a route that is neither a page here nor in NOT_PAGES."""
    arguments = {"program_id": values["program"], "kode_desa": values["desa"], "collection_id": "desa",
                 "kode_prov": values["rumah_tangga"][0], "rt_id": values["rumah_tangga"][1],
                 "upload_id": values["upload"], "measurement_id": values["anak"]}
    urls, unknown = [], []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_PAGES or rule.rule.startswith("/api/"):
            continue
        if rule.endpoint == "analysis_pages.page":
            urls += [f"/analisis/{jenis}" for jenis in ANALYSIS_PAGES]
        elif rule.endpoint == "ogcapi.item":
            urls.append("/ogc/collections/desa/items/" + values["desa"] + "?f=html")
        elif set(rule.arguments) <= set(arguments):
            url = rule.build({k: arguments[k] for k in rule.arguments}, append_unknown=False)[1]
            urls.append(url + ("?f=html" if url.startswith("/ogc") else ""))
        else:
            unknown.append(rule.endpoint)
    assert not unknown, f"give sample arguments or a reason in NOT_PAGES for: {unknown}"
    return sorted(set(urls))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_speaks_one_clock_and_one_number_format(app, programme, lang):
    client = login(app.test_client(), "admin")
    client.get(f"/bahasa/{lang}")
    found = {}
    for url in _pages(app, programme) + ["/ogc/collections/desa/items?f=html&limit=20"]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.mimetype != "text/html":
            continue
        wrong = problems(visible_text(response.get_data(as_text=True)), lang)
        if wrong:
            found[url] = wrong[:5]
    assert not found, found


@pytest.mark.parametrize("lang", ["id", "en"])
def test_figures_written_by_javascript_follow_the_language(page, programme, lang):
    from tests.conftest import browser_login

    browser_login(page, "admin")
    page.goto(f"/bahasa/{lang}")
    found = {}
    for url in BROWSER_PAGES:
        page.goto(url.format(**programme), wait_until="networkidle")
        text = page.evaluate(VISIBLE_TEXT)
        wrong = problems(" ".join(text.split()), lang)
        if wrong:
            found[url] = wrong[:5]
    assert not found, found
