"""Issue #18: a user scoped to kabupaten 18.04 gets nothing of kabupaten 18.98 from any endpoint.

Enumerated like the route classification test: every GET endpoint of the app is called (``CALLS``:
the URLs, with values of 18.98 where the route takes them) or listed in ``NO_REGION_DATA`` with the
reason; a new endpoint fails ``test_every_get_endpoint_is_enumerated`` until its author adds it.
A response holds "something of 18.98" when it names a code of 18.98 (dotted or compact, e.g. in
an NIK), the kabupaten's name, or a coordinate inside its bounding box; a vector tile when it has
a feature; a spreadsheet when a cell does."""
import io
import json
import re

import openpyxl
import psycopg
import pytest

from conftest import make_app
from multi_kabupaten import B_BBOX, KAB_A, KAB_B
from fieldform_helpers import fill, ids_in
from selection_helpers import drop_programs, new_program
from spatial.selection import fieldform, fieldwork, programs
from spatial.selection.actions import add_households
from spatial.targeting.hotspots import run_hotspots
from spatial.targeting.recipients import import_recipients
from spatial.users import save_user

PASSWORD = "Kopi-Liwa-7-Gunung"
ROLES = ("perkim", "perencana", "kesehatan")
CODE_B = re.compile(r"(?<![\d.])18\.?98(?:\.?\d{2})")
LON_B = re.compile(r"(?<![\d.])105\.\d{4,}")
LAYERS = ("desa", "kecamatan", "kantong", "hotspot", "celah", "lokasi", "fasilitas", "kawasan", "lokus", "program",
          "rumah_tangga_desa", "rumah_tangga_grid", "rumah_tangga")
ANALYSIS_PAGES = ("kantong", "hotspot", "celah", "skor", "lokasi")

# endpoint -> URLs called as each scoped user ({names} are values of 18.98, see ``values``).
CALLS = {
    "maps.dashboard": ("/",),
    "profil.village": ("/desa/{desa_b}", "/desa/{desa_a}"),
    "api.villages": ("/api/villages", "/api/villages?kode_kab=" + KAB_B),
    "map_api.indicators": ("/api/indikator",),
    "map_api.facilities": ("/api/fasilitas", "/api/fasilitas?kode_desa={desa_b}"),
    "map_api.kecamatan": ("/api/kecamatan",),
    "map_api.search_villages": ("/api/desa/cari?q={nama_b}", "/api/desa/cari?q=18.98", "/api/desa/cari?q=1898"),
    "map_api.nearest_household": ("/api/households/nearest?lat={lat_b}&lon={lon_b}&z=18",),
    **{f"analysis_api.layer_{name.replace('-', '_')}": (f"/api/analisis/{name}", f"/api/analisis/{name}?semua=1",
                                                        f"/api/analisis/{name}?run={{run_b_{jenis}}}")
       for name, jenis in (("kantong", "kantong"), ("hotspot", "hotspot"), ("lisa", "lisa"), ("celah", "celah"),
                           ("celah-desa", "celah"), ("lokasi-usulan", "lokasi"))},
    "analysis_api.runs": ("/api/analisis/runs?limit=500",),
    "analysis_api.run_status": ("/api/analisis/runs/{run_b_kantong}",),
    "analysis_api.group_status": ("/api/analisis/kelompok/{kelompok}",),
    "analysis_pages.index": ("/analisis/",),
    "analysis_pages.kabupaten": ("/analisis/kabupaten",),
    "analysis_pages.page": tuple(f"/analisis/{page}" for page in ANALYSIS_PAGES),
    "areas.index": ("/kawasan",),
    "areas.api_list": ("/api/kawasan",),
    "areas.api_get": ("/api/kawasan/{kawasan_b}",),
    "areas.api_stats": ("/api/kawasan/{kawasan_b}/statistik",),
    "lokus.index": ("/lokus?tahun=2026",),
    "lokus.api_list": ("/api/lokus?tahun=2026",),
    "exports.index": ("/ekspor",),
    "exports.download": tuple(f"/ekspor/{layer}.geojson" for layer in LAYERS) + ("/ekspor/desa.csv", "/ekspor/desa.xlsx"),
    "ogcapi.landing": ("/ogc",),
    "ogcapi.collections": ("/ogc/collections",),
    "ogcapi.collection": tuple(f"/ogc/collections/{layer}" for layer in LAYERS),
    "ogcapi.items": tuple(f"/ogc/collections/{layer}/items?limit=1000" for layer in LAYERS),
    "ogcapi.item": ("/ogc/collections/desa/items/{desa_b}", "/ogc/collections/kantong/items/{kantong_b}",
                    "/ogc/collections/fasilitas/items/{fasilitas_b}"),
    "seleksi.index": ("/seleksi/",),
    "seleksi.map_page": ("/seleksi/{program}",),
    "seleksi.list_page": ("/seleksi/{program}/daftar",),
    "seleksi.export_list": ("/seleksi/{program}/ekspor.csv", "/seleksi/{program}/ekspor.xlsx",
                            "/seleksi/{program}/ekspor.geojson"),
    "seleksi.api_candidates": ("/api/seleksi/{program}/kandidat",),
    "seleksi.api_candidate_page": ("/api/seleksi/{program}/kandidat/tabel?per=200",
                                   "/api/seleksi/{program}/kandidat/tabel?kode_desa={desa_b}"),
    "seleksi.api_candidate_points": ("/api/seleksi/{program}/kandidat/titik",),
    "lapangan.index": ("/seleksi/{program}/lapangan",),
    "lapangan.form": ("/seleksi/{program}/formulir-lapangan.xlsx", "/seleksi/{program}/formulir-lapangan.xlsx?desa={desa_b}"),
    "lapangan.preview": ("/seleksi/{program}/lapangan/{upload_b}",),
    "lapangan.report": ("/seleksi/{program}/lapangan/{upload_b}/laporan.xlsx",),
    "rumah_tangga.detail_page": ("/rumah-tangga/18/{rt_b}", "/rumah-tangga/18/{rt_b}?program={program}"),
    "rumah_tangga.api_reasons": ("/api/rumah-tangga/18/{rt_b}/rincian",),
    "seleksi.verification_sheet": ("/seleksi/{program}/lembar-verifikasi/{desa_b}",),
    "seleksi.edit": ("/seleksi/{program}/ubah",),
    "imports.index": ("/impor/",),
    "gizi.index": ("/gizi", "/gizi?indikator=cakupan_registri"),
    "gizi.api_villages": ("/api/gizi/desa",),
    "gizi.convergence_page": ("/gizi/konvergensi",),
    "gizi.village": ("/gizi/desa/{desa_b}",),
    "gizi.child": ("/gizi/anak/{anak_b}",),
    "tepat_sasaran.index": ("/tepat-sasaran/?program=pkh&periode=2026",
                            "/tepat-sasaran/?program=bpnt&periode=2026&indikator=galat_inklusi"),
    "tepat_sasaran.api_report": ("/api/tepat-sasaran?program=pkh&periode=2026",),
    "tepat_sasaran.api_hotspots": ("/api/tepat-sasaran/eksklusi?program=pkh&periode=2026",
                                   "/api/tepat-sasaran/eksklusi?program=bpnt&periode=2026"),
    "tepat_sasaran.review_list": ("/tepat-sasaran/tinjau",),
    "tepat_sasaran.unmatched_report": ("/tepat-sasaran/tidak-ditemukan.xlsx?program=pkh&periode=2026",
                                       "/tepat-sasaran/tidak-ditemukan.xlsx?program=bpnt&periode=2026"),
    "tepat_sasaran.village": ("/tepat-sasaran/desa/{desa_b}?program=pkh&periode=2026",),
    "tepat_sasaran.worksheet": ("/tepat-sasaran/desa/{desa_b}/lembar.xlsx?program=pkh&periode=2026",),
}
NO_REGION_DATA = {
    "static": "files of the app", "assets.vendor": "front-end libraries",
    "basemap.tile": "basemap tiles (public map background, no Sasaran data)",
    "tiles.households": "household tiles: the public k-anonymous aggregate grid is the same for every user "
                        "(issue #16); point tiles are region-scoped (tests/test_security_scope.py)",
    "health.healthz": "service status",
    "i18n.switch_language": "language switch", "auth.login": "sign-in form", "auth.logout": "sign-out",
    "ogcapi.api": "OpenAPI document", "ogcapi.conformance": "conformance classes",
    "ogcapi.schema": "property types of a collection", "ogcapi.queryables": "property types of a collection",
    "ogcapi.xml_schema_view": "property types of a collection (GML application schema)",
    "admin.audit_log": "administrators only (unscoped role)", "admin.users": "administrators only (unscoped role)",
    "exports.tokens": "administrators only (agency tokens)",
    "imports.job": "one's own upload job", "imports.job_status": "one's own upload job",
    "imports.values_form": "the value-mapping step of one's own upload job",
    "imports.rejects_report": "rows rejected from one uploaded file (the uploader's own file)",
    "seleksi.photo": "verification photo of a selection found through the scoped lists",
}


@pytest.fixture(scope="module")
def scoped(two_kabupaten):
    """The both-kabupaten app, clients of users scoped to 18.04, and values of 18.98 for the URLs; the
    programme, priority area, lokus, recipient lists and exclusion hot spots it adds are removed afterwards."""
    url = two_kabupaten.both
    for path in sorted(two_kabupaten.folder.glob("penerima_*.csv")):  # the generator's lists cover both
        assert import_recipients(path, url=url).inserted
    run_hotspots(url, oleh="uji")
    program = new_program(url, "Program dua kabupaten", units=40)
    with psycopg.connect(url) as conn:
        for kab in (KAB_A, KAB_B):
            pairs = conn.execute("""SELECT s.kode_prov, s.rumah_tangga_id FROM skor_rtlh s
                                    WHERE s.memenuhi_syarat AND left(s.kode_desa, 5) = %s
                                    ORDER BY s.skor DESC, s.rumah_tangga_id LIMIT 5""", (kab,)).fetchall()
            assert add_households(conn, program, [list(p) for p in pairs], "uji")["ditambah"]
        kawasan_b = conn.execute("""INSERT INTO kawasan_prioritas (nama, jenis, geom, dibuat_oleh)
                                    SELECT 'Kawasan timur', 'lainnya', ST_Multi(geom), 'uji' FROM desa
                                    WHERE kode_kab = %s ORDER BY kode_desa LIMIT 1 RETURNING id""", (KAB_B,)).fetchone()[0]
        conn.execute("""INSERT INTO lokus_desa (tahun, jenis, kode_desa, ditetapkan_oleh)
                        SELECT 2026, 'kemiskinan_ekstrem', kode_desa, 'uji' FROM desa
                        WHERE kode_kab IN (%s, %s) AND right(kode_desa, 4) = '2001'""", (KAB_A, KAB_B))
        desa_b, nama_b, lon_b, lat_b, rt_b = conn.execute("""
            SELECT h.kode_desa, d.nama, ST_X(h.geom), ST_Y(h.geom), h.id FROM rumah_tangga h JOIN desa d USING (kode_desa)
            WHERE h.kode_kab = %s AND h.geom IS NOT NULL ORDER BY h.id_keluarga LIMIT 1""", (KAB_B,)).fetchone()
        runs = dict(conn.execute("SELECT jenis, analisis_run_terkini(jenis, %s) FROM unnest(%s::text[]) jenis",
                                 (KAB_B, ["kantong", "hotspot", "lisa", "celah", "lokasi"])).fetchall())
        values = {
            "desa_b": desa_b, "nama_b": nama_b, "lat_b": lat_b, "lon_b": lon_b, "program": program, "rt_b": rt_b,
            "upload_b": _field_upload(conn, program),
            "desa_a": conn.execute("SELECT min(kode_desa) FROM desa WHERE kode_kab = %s", (KAB_A,)).fetchone()[0],
            "kawasan_b": kawasan_b, **{f"run_b_{j}": r for j, r in runs.items()},
            "kelompok": conn.execute("SELECT kelompok FROM analisis_run WHERE id = %s", (runs["kantong"],)).fetchone()[0],
            "kantong_b": f"{runs['kantong']}-1",
            "anak_b": conn.execute("SELECT min(id) FROM pengukuran_anak WHERE kode_kab_registri = %s",
                                   (KAB_B,)).fetchone()[0],
            "fasilitas_b": conn.execute("SELECT min(id_fasilitas) FROM fasilitas WHERE kode_kab = %s",
                                        (KAB_B,)).fetchone()[0]}
    app = make_app(url, WTF_CSRF_ENABLED=False)
    clients = {}
    for role in ROLES:
        save_user(f"kab_{role}", PASSWORD, role, name=f"{role} Lampung Barat", kode_wilayah=KAB_A, url=url)
        client = app.test_client()
        assert client.post("/login", data={"username": f"kab_{role}", "password": PASSWORD}).status_code == 302
        clients[role] = client
    yield app, clients, values
    drop_programs(url, [program])
    with psycopg.connect(url) as conn:  # the database is shared with other modules: leave it as found
        conn.execute("DELETE FROM kawasan_prioritas WHERE id = %s", (kawasan_b,))
        conn.execute("DELETE FROM lokus_desa WHERE tahun = 2026 AND ditetapkan_oleh = 'uji'")
        conn.execute("TRUNCATE penerima_bantuan, cek_ulang")
        conn.execute("DELETE FROM analisis_run WHERE jenis = 'eksklusi'")


def _field_upload(conn, program_id: int) -> int:
    """A filled field form of both kabupaten's houses, uploaded by an unscoped user (its id)."""
    program = programs.get_program(conn, program_id)
    form = fieldform.write(program, fieldwork.form_rows(conn, program_id), "uji")
    filled = fill(form, {i: {"Layak (ya/tidak)": "ya", "Petugas": "Sari", "Tanggal kunjungan": "2/3/2026"}
                         for i in ids_in(form)})
    plan = fieldwork.plan(conn, program, fieldform.read(filled))
    assert len(plan["terapkan"]) == 10
    return fieldwork.store(conn, program, "formulir.xlsx", filled, plan, "uji", None)


def _coordinates(value, found):
    """Every [lon, lat] pair (and bbox corner) inside 18.98's box, anywhere in a JSON value."""
    if isinstance(value, dict):
        for item in value.values():
            _coordinates(item, found)
    elif isinstance(value, list):
        numbers = [v for v in value if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if len(numbers) == len(value) and len(value) in (2, 3, 4, 6):
            corners = [value[:2]] + ([value[2:4]] if len(value) == 4 else [value[3:5]] if len(value) == 6 else [])
            found += [c for c in corners if B_BBOX[0] <= c[0] <= B_BBOX[2] and B_BBOX[1] <= c[1] <= B_BBOX[3]]
        else:
            for item in value:
                _coordinates(item, found)
    return found


def of_kabupaten_b(response) -> list:
    """What of kabupaten 18.98 a response holds (empty when nothing)."""
    kind, body = response.mimetype, response.get_data()
    if kind.endswith("spreadsheetml.sheet"):
        sheets = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        text = "\n".join(str(c) for ws in sheets for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    else:
        text = body.decode("utf-8", errors="replace")
    found = CODE_B.findall(text) + LON_B.findall(text) + (["Uji Timur"] if "Uji Timur" in text else [])
    if kind in ("application/json", "application/geo+json"):
        found += _coordinates(json.loads(text), [])
    return found


def test_every_get_endpoint_is_enumerated(scoped):
    app, _clients, _values = scoped
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    missing = sorted(endpoints - set(CALLS) - set(NO_REGION_DATA))
    assert not missing, f"add these endpoints to CALLS or NO_REGION_DATA: {missing}"


@pytest.mark.parametrize("endpoint", sorted(CALLS))
def test_scoped_user_gets_nothing_of_the_other_kabupaten(scoped, endpoint):
    _app, clients, values = scoped
    for role, client in clients.items():
        for template in CALLS[endpoint]:
            path = template.format(**values)
            response = client.get(path)
            assert response.status_code < 500, (role, path, response.status_code)
            if response.status_code == 200:
                assert not of_kabupaten_b(response), (role, path, of_kabupaten_b(response)[:5])


def test_the_same_calls_unscoped_do_show_the_other_kabupaten(scoped, two_kabupaten):
    """The check can fail: an unscoped planner gets 18.98 from the same endpoints."""
    app, _clients, values = scoped
    save_user("provinsi_perencana", PASSWORD, "perencana", name="perencana provinsi", url=two_kabupaten.both)
    client = app.test_client()
    assert client.post("/login", data={"username": "provinsi_perencana", "password": PASSWORD}).status_code == 302
    for path in ("/api/villages", "/api/indikator", "/api/fasilitas", "/api/kecamatan", "/api/analisis/hotspot",
                 "/api/analisis/runs", "/api/desa/cari?q={nama_b}", "/lokus?tahun=2026", "/ogc/collections/hotspot",
                 "/analisis/kabupaten", "/gizi", "/api/gizi/desa", "/", "/api/tepat-sasaran?program=pkh&periode=2026",
                 "/tepat-sasaran/"):
        response = client.get(path.format(**values))
        assert response.status_code == 200 and of_kabupaten_b(response), path
