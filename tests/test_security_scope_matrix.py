"""Issue #16: the scope matrix. Every route of the app is listed once, in one of three tables:

- ``MATRIX``: routes that read or change ONE object that lies in a region (village, household,
  programme, priority area, import, selection). Each is called as an unscoped user and as a user
  of the same role scoped to kecamatan A, on an object in A and an object in B: the unscoped user
  and the scoped user on A are served, the scoped user on B is refused (403/404, or nothing found);
- ``LISTS``: routes answering with many objects, filtered by the user's region in SQL
  (``dalam_wilayah``); their contents per region are checked in test_security_scope.py (and, per
  kabupaten, by the JSON-endpoint checks of issue #18, which extend this table);
- ``NO_REGION``: routes without a regional object (sign-in, assets, health, the user's own
  session, admin-only settings, public aggregates).

A route added later fails ``test_every_route_is_in_the_scope_matrix`` until it is put in one of
them. To add a case: one ``Case`` line naming the objects it needs (see ``world``)."""
import io
from dataclasses import dataclass

import psycopg
import pytest
from psycopg.rows import dict_row

from conftest import SEED, TEST_SAMPLE_HOUSEHOLDS, make_app
from spatial.areas.store import create_area
from spatial.sample import load_sample
from spatial.selection import actions, candidates, fieldwork, programs
from spatial.targeting import recheck
from spatial.users import save_user

PASSWORD = "Kopi-Liwa-7-Gunung"
KEC_A, KEC_B = "18.04.04", "18.04.05"
PROGRAMME = {"tahun": 2027, "sumber": "APBN", "biaya_satuan": 20_000_000, "anggaran": 2_000_000_000}
EDIT_FORM = {"tahun": "2027", "sumber": "APBN", "biaya_satuan": "20000000", "anggaran": "2000000000"}
SERVED = (200, 201, 204, 302)
REFUSED = (403, 404, 303)  # 303: a form post refused with a flashed message (webgis.errors)


@dataclass(frozen=True)
class Case:
    """One route of the matrix: ``path`` and ``body`` are built from the object of a region."""
    method: str
    path: object                 # callable(object) -> URL
    role: str = "perkim"
    body: object = None          # callable(object) -> dict (JSON) / None
    form: object = None          # callable(object) -> dict (form post) / None
    found: object = None         # callable(response) -> bool, when refusal is "nothing found" (200)
    fresh: str | None = None     # the call uses its object up: a new one before each call ("kawasan", "pilih")


def _household(o):
    return {"rumah_tangga": [{"kode_prov": o["kode_prov"], "id": o["id"]}]}


MATRIX = {
    # public aggregates for everyone; the priority households (personal data) only inside the scope
    "profil.village": Case("GET", lambda o: f"/desa/{o['desa']}", found=lambda r: b'id="priority-households"' in r.data),
    "seleksi.verification_sheet": Case("GET", lambda o: f"/seleksi/{o['umum']}/lembar-verifikasi/{o['desa']}"),
    "seleksi.program_status": Case("POST", lambda o: f"/seleksi/{o['program']}/status", form=lambda o: {"status": "aktif"}),
    "seleksi.edit": Case("POST", lambda o: f"/seleksi/{o['program']}/ubah",
                         form=lambda o: {**EDIT_FORM, "nama": o["program_nama"]}),
    "seleksi.api_add": Case("POST", lambda o: f"/api/seleksi/{o['umum']}/tambah", body=_household),
    "seleksi.api_remove": Case("POST", lambda o: f"/api/seleksi/{o['umum']}/hapus", fresh="pilih",
                               body=lambda o: {"rumah_tangga": [o["pilih"]]}),
    "seleksi.change_status": Case("POST", lambda o: f"/seleksi/{o['umum']}/seleksi/{o['seleksi']}/status", fresh="pilih",
                                  form=lambda o: {"status": "ditolak", "alasan": "uji matriks"}),
    "areas.api_get": Case("GET", lambda o: f"/api/kawasan/{o['kawasan']}", role="perencana"),
    "areas.api_stats": Case("GET", lambda o: f"/api/kawasan/{o['kawasan']}/statistik", role="perencana"),
    "areas.api_update": Case("PUT", lambda o: f"/api/kawasan/{o['kawasan']}", role="perencana",
                              body=lambda o: {"nama": "Kawasan matriks", "jenis": "lainnya"}),
    "areas.api_delete": Case("DELETE", lambda o: f"/api/kawasan/{o['kawasan']}", role="perencana", fresh="kawasan"),
    "imports.rejects_report": Case("GET", lambda o: f"/impor/{o['impor']}/ditolak.csv"),
    "lokus.save": Case("POST", lambda o: "/lokus", role="perencana",
                       form=lambda o: {"tahun": "2031", "jenis": "stunting", "kode_desa": o["desa"]}),
    "gizi.village": Case("GET", lambda o: f"/gizi/desa/{o['desa_anak']}", role="kesehatan"),
    "gizi.child": Case("GET", lambda o: f"/gizi/anak/{o['anak']}", role="kesehatan"),
    "seleksi.api_bulk_step": Case("POST", lambda o: f"/api/seleksi/{o['umum']}/langkah", fresh="pilih",
                                  body=lambda o: {"seleksi": [o["seleksi"]], "ke": "ditolak", "alasan": "uji matriks"},
                                  found=lambda r: r.get_json()["diubah"] != []),
    "rumah_tangga.detail_page": Case("GET", lambda o: f"/rumah-tangga/{o['kode_prov']}/{o['id']}"),
    "rumah_tangga.api_reasons": Case("GET", lambda o: f"/api/rumah-tangga/{o['kode_prov']}/{o['id']}/rincian"),
    # an uploaded field form belongs to its uploader's region (B: an unscoped user's upload)
    "lapangan.preview": Case("GET", lambda o: f"/seleksi/{o['umum']}/lapangan/{o['unggahan']}"),
    "lapangan.report": Case("GET", lambda o: f"/seleksi/{o['umum']}/lapangan/{o['unggahan']}/laporan.xlsx"),
    "lapangan.apply": Case("POST", lambda o: f"/seleksi/{o['umum']}/lapangan/{o['unggahan']}/terapkan",
                           fresh="unggahan", form=lambda o: {}),
    "map_api.nearest_household": Case("GET", lambda o: f"/api/households/nearest?lat={o['lat']}&lon={o['lon']}&z=18",
                                      found=lambda r: r.get_json()["found"]),
    # tepat sasaran (issue #24): a village's list to re-check and its worksheet, an outcome read back, a review
    "tepat_sasaran.village": Case("GET", lambda o: f"/tepat-sasaran/desa/{o['desa']}?program=pkh&periode=2026"),
    "tepat_sasaran.worksheet": Case("GET", lambda o: f"/tepat-sasaran/desa/{o['desa']}/lembar.xlsx?program=pkh&periode=2026"),
    "tepat_sasaran.worksheet_upload": Case("POST", lambda o: "/tepat-sasaran/lembar", form=lambda o: {
        "lembar": (io.BytesIO(f"No. cek,Hasil pemeriksaan\n{o['cek']},tidak_perlu\n".encode()), "lembar.csv")}),
    "tepat_sasaran.review_decide": Case("POST", lambda o: f"/tepat-sasaran/tinjau/{o['cocok']}",
                                        form=lambda o: {"keputusan": "ditolak"}),
}
LISTS = {
    "api.villages", "map_api.indicators", "map_api.facilities", "map_api.kecamatan", "map_api.search_villages",
    "tiles.households", "areas.api_list", "areas.index", "areas.api_stats_geometry", "lokus.index", "lokus.api_list",
    "seleksi.index", "seleksi.map_page", "seleksi.api_candidates", "seleksi.api_area_preview", "seleksi.api_area_add",
    "seleksi.api_proposal", "seleksi.list_page", "seleksi.export_list", "seleksi.photo", "exports.index",
    "exports.download", "ogcapi.landing", "ogcapi.collections", "ogcapi.collection", "ogcapi.items", "ogcapi.item",
    "ogcapi.polygon_query", "ogcapi.queryables", "ogcapi.schema", "ogcapi.xml_schema_view", "maps.dashboard",
    "analysis_api.layer_kantong", "analysis_api.layer_hotspot", "analysis_api.layer_lisa", "analysis_api.layer_celah",
    "analysis_api.layer_celah_desa", "analysis_api.layer_lokasi_usulan", "analysis_pages.page", "analysis_pages.index",
    "imports.index", "gizi.index", "gizi.api_villages", "gizi.convergence_page",
    # runs are per kabupaten (#18): lists, one run, one request's runs and the kabupaten compared show
    # only the kabupaten of the user's region (tests/test_scope_kabupaten.py)
    "analysis_api.runs", "analysis_api.run_status", "analysis_api.group_status", "analysis_pages.kabupaten",
    "tepat_sasaran.index", "tepat_sasaran.api_report", "tepat_sasaran.api_hotspots", "tepat_sasaran.review_list",
    "tepat_sasaran.unmatched_report",
    "seleksi.api_candidate_page", "seleksi.api_candidate_points", "lapangan.index", "lapangan.form",
}
NO_REGION = {
    "static", "assets.vendor", "basemap.tile", "i18n.switch_language", "auth.login", "auth.logout", "health.healthz",
    "admin.users", "admin.save_user", "admin.set_active", "admin.audit_log",  # admin only, deployment-wide
    "exports.tokens",  # agency tokens read everything: unscoped admins only (test_security_scope_writes)
    "ogcapi.conformance", "ogcapi.api",  # API description
    "analysis_api.start",  # runs only for the user's kabupaten or province (#18, test_analysis_api)
    "seleksi.create",  # the new programme belongs to the creator's region (test_security_scope_writes)
    "areas.api_create", "areas.import_file",  # geometry checked against the region
    "imports.upload", "imports.job", "imports.job_status",  # rows checked per region (di_luar_wilayah)
    "imports.values_form", "imports.values_submit",  # the value-mapping step of the user's own job
    "lapangan.upload",  # rows planned only for selections in the user's region (fieldwork.plan)
}


def test_every_route_is_in_the_scope_matrix(app):
    listed = [*MATRIX, *LISTS, *NO_REGION]
    assert len(listed) == len(set(listed)), "a route is listed twice"
    assert sorted(set(app.view_functions) - set(listed)) == [], "put new routes in MATRIX, LISTS or NO_REGION"
    assert sorted(set(listed) - set(app.view_functions)) == [], "listed routes that do not exist"


def _square(lon, lat, d=0.002):
    return {"type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d],
                                                [lon - d, lat + d], [lon - d, lat - d]]]}


@pytest.fixture(scope="module")
def world(module_scratch_db, tmp_path_factory):
    """The sample, an unscoped and an A-scoped user per role, and per region A and B: a village, a
    household with a point, a programme owned by the region, a priority area, an import with a
    rejects report, a selection in a district-wide programme (``umum``), a measured child."""
    url = module_scratch_db
    load_sample(TEST_SAMPLE_HOUSEHOLDS, SEED, url=url, echo=lambda *_: None)
    for role in ("perkim", "perencana", "kesehatan"):
        save_user(f"semua_{role}", PASSWORD, role, url=url)
        save_user(f"kec_{role}", PASSWORD, role, kode_wilayah=KEC_A, url=url)
    objects = {}
    with psycopg.connect(url, row_factory=dict_row) as conn:
        umum = programs.create_program(conn, {**PROGRAMME, "nama": "Matriks kabupaten"}, "uji")
        for region, kec in (("A", KEC_A), ("B", KEC_B)):
            row = conn.execute(
                "SELECT r.kode_prov, r.id, r.kode_desa AS desa, ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat "
                "FROM rumah_tangga r WHERE r.aktif AND r.kode_kec = %s AND r.kualitas_lokasi = 'gps' "
                "ORDER BY r.id LIMIT 1", (kec,)).fetchone()
            name = f"Matriks {region}"
            program = programs.create_program(conn, {**PROGRAMME, "nama": name, "kode_wilayah": kec}, "uji")
            area = create_area(conn, {"nama": f"Kawasan {region}", "jenis": "lainnya"},
                               _square(row["lon"], row["lat"]), "uji")["id"]
            child = conn.execute("SELECT id, kode_desa FROM pengukuran_anak WHERE kode_desa LIKE %s ORDER BY id LIMIT 1",
                                 (kec + ".%",)).fetchone()
            objects[region] = {**row, "kec": kec, "umum": umum, "program": program, "program_nama": name,
                               "kawasan": area, "anak": child["id"], "desa_anak": child["kode_desa"],
                               "unggahan": _upload(conn, umum, region), **_targeting_objects(conn, row["desa"])}
        conn.commit()

    def fresh(kind, region):
        """A new object of ``kind`` in ``region`` for a call that uses its object up."""
        spot = objects[region]
        with psycopg.connect(url, row_factory=dict_row) as conn:
            if kind == "kawasan":
                return {"kawasan": create_area(conn, {"nama": "Kawasan sekali pakai", "jenis": "lainnya"},
                                               _square(spot["lon"], spot["lat"]), "uji")["id"]}
            if kind == "unggahan":
                return {"unggahan": _upload(conn, spot["umum"], region)}
            eligible = candidates.households(conn, programs.get_program(conn, spot["umum"]), wilayah=spot["kec"])
            chosen = next(c for c in eligible if c["id"] != spot["id"] and not c["terpilih"])
            actions.add_households(conn, spot["umum"], [(chosen["kode_prov"], chosen["id"])], "uji")
            seleksi = conn.execute("SELECT id FROM seleksi WHERE program_id = %s AND rumah_tangga_id = %s",
                                   (spot["umum"], chosen["id"])).fetchone()["id"]
            return {"pilih": {"kode_prov": chosen["kode_prov"], "id": chosen["id"]}, "seleksi": seleksi}

    app = make_app(url, WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=False,
                   IMPORT_DIR=str(tmp_path_factory.mktemp("impor")))
    for region, username in (("A", "kec_perkim"), ("B", "semua_perkim")):
        objects[region]["impor"] = _import_with_rejects(app, username, objects[region]["desa"])
    yield app, objects, fresh
    app.extensions["db_pool"].close()


def _upload(conn, program_id: int, region: str) -> int:
    """An uploaded field form with nothing to apply, by a user of kecamatan A (region A) or by an
    unscoped user (region B)."""
    plan = {"program_id": program_id, "terapkan": [], "tidak_diterapkan": [], "peringatan": [], "belum_diisi": 0,
            "tanpa_perubahan": 0, "baris": 0}
    return fieldwork.store(conn, programs.require(conn, program_id), "matriks.xlsx", b"", plan, "uji",
                           KEC_A if region == "A" else None)


def _targeting_objects(conn, desa: str) -> dict:
    """A line of the village's PKH worksheet (``cek``) and a name + village match in the village (``cocok``):
    a recipient row of the village turned into one, waiting for review."""
    line = next(item["no_cek"] for code in ("pkh", "bpnt", "blt_dd") for item in recheck.items(conn, desa, code, "2026"))
    match = conn.execute(
        "UPDATE penerima_bantuan SET cara_cocok = 'nama_desa', calon_prov = rt_prov, calon_id = rt_id, tinjau = 'perlu' "
        "WHERE id = (SELECT min(id) FROM penerima_bantuan WHERE kode_desa_deklarasi = %s AND rt_id IS NOT NULL) "
        "RETURNING id", (desa,)).fetchone()["id"]
    return {"cek": line, "cocok": match}


def _client(app, username):
    client = app.test_client()
    assert client.post("/login", data={"username": username, "password": PASSWORD}).status_code == 302
    return client


def _import_with_rejects(app, username, desa) -> int:
    """An import by ``username`` of one rejected row (a desil out of range) in ``desa``."""
    import io
    import time

    from import_helpers import csv_text, household

    client = _client(app, username)
    row = household(900, (desa, 0, 0), desil="42", latitude="", longitude="")
    answer = client.post("/impor/", data={"jenis": "rumah_tangga", "uji_coba": "1",
                                          "berkas": (io.BytesIO(csv_text([row]).encode()), "matriks.csv")},
                         content_type="multipart/form-data")
    status_url = answer.headers["Location"].rstrip("/") + "/status"
    for _ in range(300):
        state = client.get(status_url).get_json()
        if state["status"] != "berjalan":
            return state["impor_id"]
        time.sleep(0.1)
    raise AssertionError("import did not finish")


def _call(client, case: Case, obj):
    kwargs = {}
    if case.body:
        kwargs["json"] = case.body(obj)
    if case.form:
        kwargs["data"] = case.form(obj)
    return client.open(case.path(obj), method=case.method, **kwargs)


def _served(case: Case, response) -> bool:
    return response.status_code in SERVED and (case.found is None or case.found(response))


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_scope_matrix(world, endpoint):
    app, objects, fresh = world
    case = MATRIX[endpoint]
    unscoped, scoped = _client(app, f"semua_{case.role}"), _client(app, f"kec_{case.role}")
    if endpoint == "imports.rejects_report":  # a report belongs to whoever imported it
        unscoped = _client(app, "semua_perkim")
    answers = {}
    for who, client in (("semua", unscoped), ("kec", scoped)):
        for region in ("A", "B"):
            obj = {**objects[region], **fresh(case.fresh, region)} if case.fresh else objects[region]
            response = _call(client, case, obj)
            answers[(who, region)] = response
            if endpoint == "seleksi.api_add" and response.status_code == 200:  # undo, so the next call can add
                client.post(f"/api/seleksi/{obj['umum']}/hapus", json=_household(obj))
    report = {k: (v.status_code, v.get_data()[:120]) for k, v in answers.items()}  # bytes: some answers are XLSX
    assert _served(case, answers[("semua", "A")]) and _served(case, answers[("semua", "B")]), report
    assert _served(case, answers[("kec", "A")]), report
    refused = answers[("kec", "B")]
    assert refused.status_code in REFUSED or (case.found is not None and not case.found(refused)), report
