"""Impor Data page: role protection, upload hygiene messages, background import with progress,
summary and the rejects report download (audited)."""
import io

import psycopg
import pytest

from conftest import TEST_URL, _name, _with_name, login, make_app, recreate_database
from import_helpers import csv_text, household, villages, wait_for_import
from spatial.users import create_demo_users


@pytest.fixture(scope="module")
def web_db(template_db_url):
    """One scratch database (boundaries, demo accounts) for this module."""
    url = recreate_database(_with_name(TEST_URL, _name(TEST_URL) + "_impweb"), template=_name(template_db_url))
    create_demo_users(url)
    yield url
    recreate_database(url)


@pytest.fixture
def web(web_db, tmp_path):
    """A test client of an app bound to the module's database."""
    app = make_app(web_db, WTF_CSRF_ENABLED=False, IMPORT_DIR=str(tmp_path / "impor"))
    return app.test_client(), web_db


def _upload(client, content: bytes, name: str, **fields):
    data = {"jenis": "rumah_tangga", "berkas": (io.BytesIO(content), name), **fields}
    return client.post("/impor/", data=data, content_type="multipart/form-data")


def test_only_admin_and_perkim_may_import(web):
    client, _ = web
    assert client.get("/impor/").status_code == 302                  # anonymous: to the login page
    for role, expected in (("viewer", 403), ("perencana", 403), ("perkim", 200), ("admin", 200)):
        client.post("/logout")
        login(client, role)
        assert client.get("/impor/").status_code == expected, role
        assert client.get("/impor/1/ditolak.csv").status_code in ((403,) if expected == 403 else (404,))


def test_upload_runs_in_background_with_progress_summary_and_report(web):
    client, url = web
    login(client, "perkim")
    places = villages(url)
    rows = [household(i, places["a"]) for i in range(30)] + [household(99, places["a"], desil="12")]
    response = _upload(client, csv_text(rows, delimiter=";").encode("cp1252"), "dtks januari.csv")
    assert response.status_code == 302 and "/impor/tugas/" in response.location
    assert "progress-bar" in client.get(response.location).get_data(as_text=True)
    state = wait_for_import(client, response.location)
    assert state["status"] == "selesai" and state["persen"] == 100
    assert (state["hasil"]["ditambah"], state["hasil"]["ditolak"], state["hasil"]["peringatan"]) == (31, 0, 1)
    assert state["hasil"]["per_alasan"] == {"desil_di_luar_rentang": 1}
    report = client.get(f"/impor/{state['impor_id']}/ditolak.csv")
    text = report.get_data().decode("utf-8-sig")
    assert report.status_code == 200 and text.splitlines()[0].endswith("baris,alasan,keterangan")
    assert "KK00099" in text and "desil_di_luar_rentang" in text
    assert client.get(f"/impor/{state['impor_id']}/ditolak.xlsx").data[:2] == b"PK"
    page = client.get("/impor/").get_data(as_text=True)
    assert "dtks januari.csv" in page and "perkim" in page
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log WHERE aksi = 'unduh_laporan_tolak' AND pengguna = 'perkim' "
                            "AND objek_id = %s", (str(state["impor_id"]),)).fetchone()[0] == 2
        assert conn.execute("SELECT oleh, nama_file FROM impor WHERE id = %s",
                            (state["impor_id"],)).fetchone() == ("perkim", "dtks januari.csv")


BAD_UPLOADS = [
    (b"", "kosong.csv", "0 byte"),
    (b"MZ\x90\x00\x03" + bytes(300), "program.csv", "bukan CSV atau XLSX"),
    (bytes(range(256)) * 8, "acak.csv", "biner"),
    (b"a;b;c\n1;2;3\n", "salah.xlsx", "kolom wajib tidak ditemukan"),
    (b"x" * 5000, "besar.csv", "terlalu besar"),
]


def test_bad_uploads_are_refused_with_a_clear_message(web):
    client, url = web
    client.application.config["MAX_CONTENT_LENGTH"] = 4096
    login(client, "admin")
    with psycopg.connect(url) as conn:
        before = conn.execute("SELECT count(*) FROM impor").fetchone()[0]
    for content, name, message in BAD_UPLOADS:
        response = _upload(client, content, name)
        assert response.status_code == 302 and response.location.endswith("/impor/"), name
        assert message in client.get("/impor/").get_data(as_text=True), name
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM impor").fetchone()[0] == before


def test_unknown_values_are_mapped_in_a_step_saved_per_source_and_offered_next_time(web):
    client, url = web
    login(client, "perkim")
    places = villages(url)
    rows = [household(200 + i, places["a"], jenis_atap="Atap Daun Kelapa" if i % 3 else "3",
                      sumber_air_minum="air gunung" if i < 2 else "PDAM") for i in range(6)]
    response = _upload(client, csv_text(rows).encode(), "kantor lain.csv", sumber="Dinsos Kab. Uji")
    state = wait_for_import(client, response.location)
    assert state["status"] == "pemetaan"
    assert state["tidak_dikenal"] == {
        "jenis_atap": [{"nilai": "Atap Daun Kelapa", "jumlah": 4, "kode": None, "cara": "tidak_dikenal",
                        "saran": "jerami/ijuk/daun/rumbia"}],
        "sumber_air_minum": [{"nilai": "air gunung", "jumlah": 2, "kode": None, "cara": "tidak_dikenal", "saran": None}]}
    assert "berkas" not in state
    with psycopg.connect(url) as conn:   # nothing imported yet
        assert conn.execute("SELECT count(*) FROM rumah_tangga WHERE id_keluarga LIKE 'KK002%%'").fetchone()[0] == 0
    form_url = response.location.rstrip("/") + "/nilai"
    page = client.get(form_url).get_data(as_text=True)
    assert "Atap Daun Kelapa" in page and "air gunung" in page and "kosong (tidak diketahui)" in page
    done = client.post(form_url, data={"sumber": "Dinsos Kab. Uji", "nilai-jenis_atap-0": "jerami/ijuk/daun/rumbia",
                                       "nilai-sumber_air_minum-0": ""})
    state = wait_for_import(client, done.location)
    assert state["status"] == "selesai" and state["hasil"]["ditambah"] == 6 and state["hasil"]["ditolak"] == 0
    with psycopg.connect(url) as conn:
        stored = conn.execute("SELECT jenis_atap, sumber_air_minum, count(*) FROM rumah_tangga "
                              "WHERE id_keluarga LIKE 'KK002%%' GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    assert stored == [("jerami/ijuk/daun/rumbia", "ledeng", 3), ("jerami/ijuk/daun/rumbia", None, 1),
                      ("seng", "ledeng", 1), ("seng", None, 1)]
    # the next file of the same source: the saved choice is offered (pre-selected)
    again = _upload(client, csv_text([household(300, places["a"], jenis_atap="atap daun kelapa")]).encode(),
                    "kantor lain 2.csv", sumber="Dinsos Kab. Uji")
    assert wait_for_import(client, again.location)["status"] == "pemetaan"
    page = client.get(again.location.rstrip("/") + "/nilai").get_data(as_text=True)
    assert '<option value="jerami/ijuk/daun/rumbia" selected>' in page and "tersimpan" in page
    assert client.post(again.location.rstrip("/") + "/nilai", data={"nilai-jenis_atap-0": "bukan entri"}).status_code == 400


def test_a_refused_import_says_why_in_the_language_of_who_started_it(web):
    """A refusal found by the background job (too many households to mark inactive) reaches the
    job page in the language of the user who started the import."""
    client, url = web
    login(client, "perkim")
    places = villages(url)
    first = _upload(client, csv_text([household(300 + i, places["a"]) for i in range(12)]).encode(), "dua belas.csv")
    assert wait_for_import(client, first.location)["status"] == "selesai"
    client.get("/bahasa/en")
    again = _upload(client, csv_text([household(300, places["a"])]).encode(), "satu.csv", tandai_nonaktif="1")
    state = wait_for_import(client, again.location)
    client.get("/bahasa/id")
    assert state["status"] == "gagal"
    assert state["galat"].startswith("Mark inactive would deactivate") and "Nothing was changed" in state["galat"]
