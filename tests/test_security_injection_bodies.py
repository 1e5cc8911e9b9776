"""Issue #8: SQL-injection payloads in the bodies of every state-changing or query API (JSON,
forms, GeoJSON geometries and names, uploaded files and import mappings, analysis parameters,
OGC polygon queries). Every answer is a 4xx or a normal result, never a 5xx, a database error or
a delay; key tables keep their checksums; text that is stored keeps the payload verbatim.

Runs on its own copy of the test sample (``module_scratch_db``) because accepted requests change
data (areas, programmes, tokens, analysis runs). Routes added later are swept automatically."""
import inspect
import io
import json
import re
import time

import psycopg
import pytest
from werkzeug.routing import IntegerConverter

from conftest import SEED, TEST_SAMPLE_HOUSEHOLDS, login, make_app
from test_security_routes import PAYLOADS
from spatial.sample import load_sample

BODY_FIELD = re.compile(r"(?:request\.(?:form|values|files)\.get(?:list)?\(|(?:data|body|form|given)\.get\(|"
                        r"(?:data|body|form)\[)\s*[\"'](\w+)[\"']")
COMMON_FIELDS = {"nama", "jenis", "tahun", "catatan", "geometry", "status", "kode_desa", "kode_kec", "alasan",
                 "instansi", "koleksi", "username", "password", "peran", "kode_wilayah", "rumah_tangga", "cabut"}
MISSING_ID = 987654
SQUARE = {"type": "Polygon", "coordinates": [[[104.05, -5.05], [104.10, -5.05], [104.10, -5.00], [104.05, -5.00],
                                             [104.05, -5.05]]]}
FINGERPRINT = """SELECT (SELECT count(*) || md5(string_agg(concat_ws('|', id_keluarga, nik_kepala, nama_kepala, alamat,
                                                              kode_desa_deklarasi, aktif), ',' ORDER BY kode_prov, id))
                         FROM rumah_tangga),
                        (SELECT md5(string_agg(kode_desa || nama || ST_AsEWKB(geom)::text, ',' ORDER BY kode_desa)) FROM desa),
                        (SELECT md5(string_agg(concat_ws('|', username, nama, peran, aktif, kode_wilayah, password_hash),
                                               ',' ORDER BY id)) FROM pengguna),
                        (SELECT count(*) || md5(string_agg(concat_ws('|', id_fasilitas, nama, jenis), ',' ORDER BY id_fasilitas))
                         FROM fasilitas),
                        (SELECT count(*) FROM skor_rtlh), (SELECT count(*) FROM lokus_desa),
                        to_regclass('public.desa') IS NOT NULL"""


@pytest.fixture(scope="module")
def injected(module_scratch_db):
    """App on a private copy of the test sample, an admin client, and a request runner that
    collects failures (5xx, leaked database errors, pg_sleep delays)."""
    load_sample(TEST_SAMPLE_HOUSEHOLDS, SEED, url=module_scratch_db, echo=lambda *_: None)
    app = make_app(module_scratch_db, WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=False)  # 500s are collected
    state = {"url": module_scratch_db, "app": app, "admin": login(app.test_client(), "admin"), "failures": [],
             "sent": 0}

    def send(method, path, payload="", **kwargs):
        state["sent"] += 1
        began = time.perf_counter()
        response = state["admin"].open(path, method=method, **kwargs)
        elapsed = time.perf_counter() - began
        where = f"{method} {path} {str(kwargs)[:160]}"
        if response.status_code >= 500:
            state["failures"].append(f"{where} -> {response.status_code}")
        elif "pg_sleep" in payload and elapsed > 2.5:
            state["failures"].append(f"{where} slept {elapsed:.1f} s (payload reached SQL)")
        body = response.get_data()
        if b"syntax error" in body or b"psycopg" in body or b"Traceback" in body:
            state["failures"].append(f"{where}: database error leaked")
        return response

    state["send"] = send
    with psycopg.connect(module_scratch_db) as conn:
        state["before"] = conn.execute(FINGERPRINT).fetchone()
    yield state
    app.extensions["db_pool"].close()


def _fields(app, endpoint) -> set[str]:
    view = inspect.unwrap(app.view_functions[endpoint])
    try:
        source = inspect.getsource(inspect.getmodule(view))
    except (OSError, TypeError):
        source = ""
    return set(BODY_FIELD.findall(source)) | COMMON_FIELDS


def test_payloads_in_every_body_field_of_every_state_changing_route(injected):
    app, send = injected["app"], injected["send"]
    routes = 0
    for rule in app.url_map.iter_rules():
        methods = sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"})
        if not methods or rule.endpoint in ("auth.logout", "auth.login"):
            continue
        routes += 1
        values = {name: MISSING_ID if type(conv) is IntegerConverter else "desa"
                  for name, conv in rule._converters.items()}
        path = rule.build(values, append_unknown=False)[1]
        fields = sorted(_fields(app, rule.endpoint))
        for method in methods:
            for payload in PAYLOADS:
                send(method, path, payload, json={f: payload for f in fields})
                send(method, path, payload, data={f: payload for f in fields})
                for field in fields:
                    send(method, path, payload, json={field: payload})
                    send(method, path, payload, data={field: payload})
                    send(method, path, payload, json={"nama": "uji", "jenis": "lainnya", field: payload,
                                                      "geometry": SQUARE})
    assert routes >= 15
    assert injected["failures"] == []


def test_payloads_as_names_and_inside_geojson(injected):
    send, url = injected["send"], injected["url"]
    created = []
    for payload in PAYLOADS:
        answer = send("POST", "/api/kawasan", payload, json={"nama": payload, "catatan": payload, "jenis": "lainnya",
                                                             "geometry": SQUARE})
        assert answer.status_code == 201, answer.data
        created.append(answer.get_json()["id"])
        assert send("PUT", f"/api/kawasan/{created[-1]}", payload,
                    json={"nama": payload + " 2", "catatan": payload, "geometry": SQUARE}).status_code == 200
        broken = [{"type": payload, "coordinates": SQUARE["coordinates"]},
                  {"type": "Polygon", "coordinates": [[[payload, payload], [104.1, -5.05], [104.1, -5.0], [payload, payload]]]},
                  {"type": "Polygon", "coordinates": payload},
                  {"type": "Feature", "properties": {"nama": payload}, "geometry": {"type": payload}}]
        for geometry in broken:
            assert send("POST", "/api/kawasan", payload, json={"nama": "x", "geometry": geometry}).status_code == 400
            assert send("PUT", f"/api/kawasan/{created[-1]}", payload,
                        json={"nama": "x", "geometry": geometry}).status_code == 400
            assert send("POST", "/api/kawasan/statistik", payload, json={"geometry": geometry}).status_code == 400
            assert send("POST", "/ogc/collections/desa/query", payload, json=geometry).status_code == 400
        feature = {"type": "Feature", "properties": {"nama": payload, payload: payload}, "geometry": SQUARE}
        assert send("POST", "/ogc/collections/desa/query?hasil=statistik", payload, json=feature).status_code == 200
        assert send("POST", f"/ogc/collections/desa/query?kode_desa={payload}", payload, json=SQUARE).status_code == 400
        assert send("POST", f"/ogc/collections/{payload}/query", payload, json=SQUARE).status_code == 404
        assert send("POST", f"/ogc/collections/desa/query?hasil={payload}", payload, json=SQUARE).status_code == 400
    with psycopg.connect(url) as conn:
        stored = conn.execute("SELECT nama, catatan FROM kawasan_prioritas WHERE id = ANY(%s) ORDER BY id",
                              (created,)).fetchall()
    assert stored == [(p + " 2", p) for p in PAYLOADS]
    assert injected["failures"] == []


def test_payloads_in_uploaded_files_and_import_mappings(injected, sample_dir):
    send, url = injected["send"], injected["url"]
    features = [{"type": "Feature", "properties": {"nama": p, "jenis": p, "tahun": p, "catatan": p}, "geometry": SQUARE}
                for p in PAYLOADS]
    collection = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    for payload in PAYLOADS:
        refused = send("POST", "/kawasan/impor", payload, data={"berkas": (io.BytesIO(collection), "kawasan.geojson"),
                                                                "jenis": payload, "tahun": payload})
        assert refused.status_code == 400 and "Tahun" in refused.get_json()["error"]
    answer = send("POST", "/kawasan/impor", "pg_sleep", data={"berkas": (io.BytesIO(collection), "kawasan.geojson"),
                                                              "jenis": PAYLOADS[0]})
    assert answer.status_code == 201, answer.data
    with psycopg.connect(url) as conn:
        names = [r[0] for r in conn.execute("SELECT nama FROM kawasan_prioritas WHERE id = ANY(%s) ORDER BY id",
                                            (answer.get_json()["disimpan"],))]
    assert names == list(PAYLOADS)

    lines = (sample_dir / "households.csv").read_text().splitlines()[:4]
    header = lines[0].split(",")
    for payload in PAYLOADS:
        rows = [header]
        for line in lines[1:]:
            cells = line.split(",")
            cells[header.index("nama_kepala")] = payload.replace(",", " ")
            cells[header.index("alamat")] = payload.replace(",", " ")
            cells[header.index("kode_desa")] = payload.replace(",", " ")
            rows.append(cells)
        csv = io.BytesIO("\n".join(",".join(r) for r in rows).encode())
        mapping = io.BytesIO(json.dumps({"latitude": "latitude", payload: "nama_kepala"}).encode())
        answer = send("POST", "/impor/", payload, data={"berkas": (csv, "rt.csv"), "pemetaan": (mapping, "peta.json"),
                                                       "jenis": "rumah_tangga", "uji_coba": "1"})
        assert answer.status_code in (302, 400), answer.status_code
        job = re.search(r"/impor/tugas/(\w+)", answer.headers.get("Location", ""))
        if job:
            for _ in range(100):
                status = send("GET", f"/impor/tugas/{job.group(1)}/status").get_json()
                if status["status"] != "berjalan":
                    break
                time.sleep(0.1)
            assert status["status"] in ("selesai", "gagal"), status
        answer = send("POST", "/impor/", payload, data={"berkas": (io.BytesIO(b"a,b\n1,2\n"), "x.csv"),
                                                       "jenis": payload})
        assert answer.status_code == 400
    assert injected["failures"] == []


def test_payloads_in_analysis_parameters(injected):
    from spatial.analysis import ANALYSES

    send, url = injected["send"], injected["url"]
    started = []
    for jenis, analysis in ANALYSES.items():
        for name in analysis.defaults:
            for payload in PAYLOADS:
                answer = send("POST", f"/api/analisis/{jenis}/jalankan", payload, json={name: payload})
                if isinstance(analysis.defaults[name], str):
                    assert answer.status_code in (202, 400)
                    if answer.status_code == 202:
                        started.append(answer.get_json()["run_id"])
                else:
                    assert answer.status_code == 400, (jenis, name, answer.data)
                assert send("POST", f"/api/analisis/{jenis}/jalankan", payload,
                            data={name: payload, payload: "1"}).status_code == 400
    for run_id in started:
        for _ in range(200):
            status = send("GET", f"/api/analisis/runs/{run_id}").get_json()["status"]
            if status != "berjalan":
                break
            time.sleep(0.1)
        assert status == "gagal", "an unknown service is refused by the run"
    with psycopg.connect(url) as conn:
        kept = conn.execute("SELECT parameter->>'layanan' FROM analisis_run WHERE id = ANY(%s)", (started,)).fetchall()
    assert {k[0] for k in kept} <= set(PAYLOADS)
    assert injected["failures"] == []


DEEP_JSON = b"[" * 100_000 + b"]" * 100_000
MALFORMED = ("a\x00b", float("nan"), float("inf"), 10 ** 30, -(10 ** 30), [[[[[]]]]], {"a": {"b": None}})


def test_malformed_values_in_every_body_field_are_4xx(injected):
    """Issue #16, finding 12: NUL bytes, NaN, infinities, huge integers and nested lists in every
    field of every state-changing route, and a JSON body nested 100,000 levels: 4xx, never 500."""
    app, send = injected["app"], injected["send"]
    routes = 0
    for rule in app.url_map.iter_rules():
        methods = sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"})
        if not methods or rule.endpoint in ("auth.logout",):
            continue
        routes += 1
        values = {name: 1 if type(conv) is IntegerConverter else "desa" for name, conv in rule._converters.items()}
        path = rule.build(values, append_unknown=False)[1]
        fields = sorted(_fields(app, rule.endpoint))
        for method in methods:
            answer = send(method, path, data=DEEP_JSON, content_type="application/json")
            assert answer.status_code in (400, 401, 403, 404, 405, 413), (method, path, answer.status_code)
            for value in MALFORMED:
                send(method, path, json={f: value for f in fields})
                if isinstance(value, str):
                    send(method, path, data={f: value for f in fields})
            for field in fields:  # one field malformed at a time, the others plausible
                for value in ("a\x00b", float("nan"), 10 ** 30, [[[]]]):
                    send(method, path, json={"nama": "uji", "jenis": "lainnya", field: value, "geometry": SQUARE})
    assert routes >= 15
    print("\n".join(sorted({f[:200] for f in injected["failures"]})))
    assert injected["failures"] == []


def test_key_tables_unchanged_after_every_payload(injected):
    """Runs last in this module: nothing any payload did touched households, villages, users,
    facilities, scores or lokus, and no table was dropped."""
    assert injected["sent"] > 1000
    with psycopg.connect(injected["url"]) as conn:
        assert conn.execute(FINGERPRINT).fetchone() == injected["before"]
