"""Analysis API (RFC 7946 GeoJSON, runs, start a run by role) and the analysis pages."""
import time

import psycopg
from conftest import login

from spatial.analysis import run_analysis
from spatial.importer.registry import import_facilities, import_households

LAYERS = ("kantong", "hotspot", "lisa", "celah", "celah-desa", "lokasi-usulan")


def test_geojson_layers_rfc7946(app, db_url):
    for jenis in ("kantong", "hotspot", "lisa", "celah"):
        run_analysis(jenis, url=db_url)
    run_analysis("lokasi", {"k": 3}, url=db_url)
    client = app.test_client()
    for name in LAYERS:
        response = client.get(f"/api/analisis/{name}")
        assert response.status_code == 200 and response.mimetype == "application/geo+json"
        body = response.get_json(force=True)
        assert body["type"] == "FeatureCollection" and "crs" not in body and body["features"], name
        text = response.get_data(as_text=True)
        assert "nik" not in text.lower() and "nama_kepala" not in text
        for feature in body["features"][:20]:
            ring = feature["geometry"]["coordinates"]
            while isinstance(ring[0], list):
                ring = ring[0]
            lon, lat = ring[:2]
            assert 103 < lon < 106 and -6.5 < lat < -4  # lon/lat order, WGS 84


def test_run_parameter_and_unknown_run(app, db_url):
    older = run_analysis("kantong", {"eps_m": 180}, url=db_url)
    run_analysis("kantong", url=db_url)
    client = app.test_client()
    assert client.get(f"/api/analisis/kantong?run={older.run_id}").get_json(force=True)["runs"] == [older.run_id]
    assert client.get(f"/api/analisis/hotspot?run={older.run_id}").status_code == 404
    assert client.get("/api/analisis/kantong?run=999999").status_code == 404
    assert client.get("/api/analisis/runs").status_code == 401
    runs = login(app.test_client(), "viewer").get("/api/analisis/runs?jenis=kantong").get_json()["runs"]
    assert runs[0]["jenis"] == "kantong" and runs[0]["parameter"]["eps_m"] == 250.0


def test_start_run_by_role(app):
    assert login(app.test_client(), "viewer").post("/api/analisis/kantong/jalankan", json={}).status_code == 403
    planner = login(app.test_client(), "perencana")
    assert planner.post("/api/analisis/kantong/jalankan", json={"eps_m": "x"}).status_code == 400
    assert planner.post("/api/analisis/kantong/jalankan", json={"tidak_ada": 1}).status_code == 400
    runs_before = len(planner.get("/api/analisis/runs?jenis=lokasi").get_json()["runs"])
    refused = planner.post("/api/analisis/lokasi/jalankan", json={"layanan": "listrik"})
    assert refused.status_code == 400 and "layanan" in refused.get_json()["error"]
    assert len(planner.get("/api/analisis/runs?jenis=lokasi").get_json()["runs"]) == runs_before  # refused before recording
    response = planner.post("/api/analisis/kantong/jalankan", json={"eps_m": 220, "min_titik": 10})
    assert response.status_code == 202
    run_id = response.get_json()["run_id"]
    for _ in range(120):
        run = planner.get(f"/api/analisis/runs/{run_id}").get_json()
        if run["status"] not in ("antri", "berjalan"):
            break
        time.sleep(0.25)
    assert run["status"] == "selesai" and run["oleh"] == "perencana"
    assert run["parameter"]["eps_m"] == 220.0 and "kantong" in run["ringkasan"]


def test_pages_help_and_rerun_button(app, db_url):
    viewer = login(app.test_client(), "viewer")
    planner = login(app.test_client(), "perencana")
    for jenis in ("kantong", "hotspot", "celah", "skor", "lokasi"):
        page = viewer.get(f"/analisis/{jenis}")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert 'id="bantuan"' in html and "Jalankan ulang" not in html
        assert "Jalankan ulang" in planner.get(f"/analisis/{jenis}").get_data(as_text=True)
    html = viewer.get("/analisis/celah").get_data(as_text=True)
    assert "tabel-peringkat" in html and "Klaster tak terlayani" in html
    assert viewer.get("/analisis/").status_code == 200
    assert app.test_client().get("/analisis/kantong").status_code == 302


def test_import_reruns_analyses(scratch_db, sample_dir, tmp_path):
    small = tmp_path / "rt.csv"
    small.write_text("".join((sample_dir / "households.csv").open(encoding="utf-8").readlines()[:300]), encoding="utf-8")
    import_households(small, url=scratch_db)
    with psycopg.connect(scratch_db) as conn:
        assert conn.execute("SELECT count(*) FROM analisis_run").fetchone()[0] == 0
    import_facilities(sample_dir / "facilities.csv", url=scratch_db, analyse=True)
    with psycopg.connect(scratch_db) as conn:
        runs = dict(conn.execute("SELECT jenis, status FROM analisis_run").fetchall())
        scored = conn.execute("SELECT count(*) FROM skor_rtlh").fetchone()[0]
    assert runs == {j: "selesai" for j in ("skor", "kantong", "hotspot", "lisa", "celah", "lokasi")}
    assert scored == 299


def test_runs_are_per_kabupaten_and_only_for_the_planners_region(app, db_url):
    from spatial.users import save_user

    for name, region in (("kab_planner", "18.04"), ("kec_planner", "18.04.04")):
        save_user(name, "Kopi-Liwa-7-Gunung", "perencana", name=name, kode_wilayah=region, url=db_url)
    kec = app.test_client()
    assert kec.post("/login", data={"username": "kec_planner", "password": "Kopi-Liwa-7-Gunung"}).status_code == 302
    assert kec.post("/api/analisis/kantong/jalankan", json={}).status_code == 403
    assert "Jalankan ulang" not in kec.get("/analisis/kantong").get_data(as_text=True)
    kab = app.test_client()
    assert kab.post("/login", data={"username": "kab_planner", "password": "Kopi-Liwa-7-Gunung"}).status_code == 302
    assert kab.post("/api/analisis/kantong/jalankan", json={"kode_wilayah": "18"}).status_code == 403
    refused = kab.post("/api/analisis/kantong/jalankan", json={"kode_wilayah": "18.04.04"})
    assert refused.status_code == 400 and "per kabupaten" in refused.get_json()["error"]
    started = kab.post("/api/analisis/hotspot/jalankan", json={"kode_wilayah": "18.04"})
    assert started.status_code == 202
    body = started.get_json()
    assert [r["kode_kab"] for r in body["runs"]] == ["18.04"]
    for _ in range(240):
        group = kab.get(f"/api/analisis/kelompok/{body['kelompok']}").get_json()
        if group["selesai"] == group["jumlah"]:
            break
        time.sleep(0.25)
    [run] = group["runs"]
    assert run["status"] == "selesai" and run["kode_wilayah"] == "18.04" and run["oleh"] == "kab_planner"
    assert run["durasi_s"] > 0 and run["baris"]["analisis_hotspot"] > 0 and run["mulai"] <= run["selesai"]
    history = kab.get("/analisis/hotspot").get_data(as_text=True)
    assert f'<td>{run["id"]}</td><td>hotspot</td><td class="kode">18.04</td>' in history
