"""A kesehatan user imports a posyandu file on the Impor Data page and sees prevalence per village;
perkim cannot import child data nor read its rejects report, kesehatan cannot import households."""
import io
import time

import psycopg
import pytest

from conftest import TEST_URL, _name, _with_name, login, make_app, recreate_database
from import_helpers import csv_text
from spatial.codelists import CHILD_COLUMNS
from spatial.users import create_demo_users


@pytest.fixture(scope="module")
def web(template_db_url, tmp_path_factory):
    url = recreate_database(_with_name(TEST_URL, _name(TEST_URL) + "_giziweb"), template=_name(template_db_url))
    create_demo_users(url)
    app = make_app(url, WTF_CSRF_ENABLED=False, IMPORT_DIR=str(tmp_path_factory.mktemp("impor")))
    yield app, url
    app.extensions["db_pool"].close()
    recreate_database(url)


def _posyandu_file(village: str) -> bytes:
    """20 girls of 18 months measured on 2026-08-10: 6 short (z about -2.5), one implausible, one bad date."""
    rows = []
    for i in range(20):
        cm = "73.5" if i < 6 else "81.0"
        rows.append({"id_anak": f"P{i:03d}", "nama_anak": f"Balita {i}", "jenis_kelamin": "perempuan",
                     "tanggal_lahir": "10/02/2025", "tanggal_ukur": "10/08/2026", "berat_kg": "10,2",
                     "tinggi_cm": cm, "cara_ukur": "PB", "kode_desa": village, "posyandu": "Mawar"})
    rows[6]["tinggi_cm"] = "45"              # implausible: flagged, left out
    rows[7]["tanggal_ukur"] = "32/08/2026"   # rejected
    return csv_text(rows, columns=CHILD_COLUMNS).encode("utf-8")


def _wait(client, location):
    for _ in range(300):
        state = client.get(location.rstrip("/") + "/status").get_json()
        if state["status"] != "berjalan":
            return state
        time.sleep(0.1)
    raise AssertionError("import did not finish")


def test_kesehatan_imports_a_posyandu_file_and_sees_prevalence(web):
    app, url = web
    with psycopg.connect(url) as conn:
        village = conn.execute("SELECT kode_desa FROM desa ORDER BY kode_desa LIMIT 1").fetchone()[0]
    client = login(app.test_client(), "kesehatan")
    page = client.get("/impor/").get_data(as_text=True)
    assert 'value="pengukuran_anak"' in page and 'value="rumah_tangga"' not in page
    answer = client.post("/impor/", data={"jenis": "pengukuran_anak", "berkas": (io.BytesIO(_posyandu_file(village)),
                                                                                  "posyandu agustus.csv")},
                         content_type="multipart/form-data")
    state = _wait(client, answer.headers["Location"])
    assert state["status"] == "selesai", state
    counts = state["hasil"]
    assert (counts["ditambah"], counts["ditolak"], counts["per_alasan"]) == (19, 1, {"tanggal_tidak_valid": 1,
                                                                                     "z_tidak_wajar": 1})
    figures = {f["id"]: f["properties"] for f in client.get("/api/gizi/desa?periode=2026-08").get_json()["features"]}
    assert (figures[village]["diukur"], figures[village]["stunting"]) == (18, 6)
    assert figures[village]["persen_stunting"] == pytest.approx(33.3)
    assert village in client.get("/gizi?periode=2026-08").get_data(as_text=True)
    report = client.get(f"/impor/{state['impor_id']}/ditolak.csv")
    assert report.status_code == 200 and "32/08/2026" in report.get_data(as_text=True)
    # perkim: no child import, no child rejects report; kesehatan: no household import
    perkim = login(app.test_client(), "perkim")
    assert perkim.get(f"/impor/{state['impor_id']}/ditolak.csv").status_code == 404
    assert perkim.post("/impor/", data={"jenis": "pengukuran_anak", "berkas": (io.BytesIO(b"x"), "a.csv")},
                       content_type="multipart/form-data").status_code == 403
    assert client.post("/impor/", data={"jenis": "rumah_tangga", "berkas": (io.BytesIO(b"x"), "a.csv")},
                       content_type="multipart/form-data").status_code == 403
