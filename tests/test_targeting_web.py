"""Issue #24 in the web app: the Tepat Sasaran page and API (aggregates with small counts suppressed
for roles without personal-data rights), the list to re-check with its worksheet round trip, the
review of name matches; personal views audited."""
import io
import json

import psycopg
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from conftest import login
from import_helpers import wait_for_import


@pytest.fixture(scope="module")
def truth(sample_dir):
    return json.loads((sample_dir / "recipients_truth.json").read_text())


def _audit(url, action, since):
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT objek_id, detail FROM audit_log WHERE aksi = %s AND id > %s", (action, since)).fetchall()


def _last_audit(url):
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]


def test_page_shows_map_ranked_villages_and_rule(app, db_url, truth):
    client = login(app.test_client(), "perencana")
    page = client.get("/tepat-sasaran/?program=pkh&periode=2026&indikator=galat_eksklusi")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'id="tabel-desa"' in html and "peta_sasaran" in html and "desil kesejahteraan 1 sampai 2" in html
    assert "Cek ulang" not in html  # household lists only for personal-data roles
    # the planted exclusion village ranks first on the exclusion error (for a role that sees its counts)
    html = login(app.test_client(), "perkim").get("/tepat-sasaran/?program=pkh&periode=2026").get_data(as_text=True)
    first = html.split('id="tabel-desa"')[1].split("data-kode=")[1][1:14]
    assert first == truth["pkh"]["desa_eksklusi"]
    assert client.get("/tepat-sasaran/?indikator=bukan").status_code == 400
    assert client.get("/tepat-sasaran/?program=bukan").status_code == 404


def test_aggregates_suppress_small_counts_and_sum_only_published_ones(app):
    viewer = login(app.test_client(), "viewer").get("/api/tepat-sasaran?program=blt_dd&periode=2026").get_json()
    perkim = login(app.test_client(), "perkim").get("/api/tepat-sasaran?program=blt_dd&periode=2026").get_json()
    assert viewer["k"] == 5 and perkim["k"] is None
    full = {row["kode_desa"]: row for row in perkim["desa"]}
    hidden = [row for row in viewer["desa"] if row["salah_keluar"] is None]
    assert hidden, "the sample has villages with fewer than k households left out"
    for row in hidden:
        count = full[row["kode_desa"]]["salah_keluar"]
        assert count < 5 or full[row["kode_desa"]]["sasaran"] - count < 5
    for row in viewer["desa"]:
        for column in ("sasaran", "penerima", "salah_masuk", "salah_keluar"):
            assert row[column] is None or row[column] == full[row["kode_desa"]][column]
    for kec in viewer["kecamatan"]:
        members = [r for r in viewer["desa"] if r["kode_kec"] == kec["kode"]]
        assert kec["salah_keluar"] == sum(r["salah_keluar"] for r in members if r["salah_keluar"] is not None)


def test_worksheet_round_trip_with_outcomes(app, db_url, truth, tmp_path):
    village = truth["pkh"]["desa_eksklusi"]
    client = login(app.test_client(), "perkim")
    since = _last_audit(db_url)
    page = client.get(f"/tepat-sasaran/desa/{village}?program=pkh&periode=2026")
    assert page.status_code == 200 and "tambah" in page.get_data(as_text=True)
    answer = client.get(f"/tepat-sasaran/desa/{village}/lembar.xlsx?program=pkh&periode=2026")
    assert answer.status_code == 200
    assert [a[0] for a in _audit(db_url, "lihat_daftar", since)] == [village]
    assert [a[0] for a in _audit(db_url, "ekspor", since)] == [village]
    sheet = load_workbook(io.BytesIO(answer.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "No. cek"))
    assert rows[header][3:9] == ("NIK", "Nama kepala keluarga", "Alamat", "Usulan perubahan", "Alasan", "Bukti")
    lines = rows[header + 1:]
    assert any(line[6] == "tambah" and "desil" in line[8] for line in lines)
    # the operator fills two lines, one with an outcome that is not on the list
    filled = Workbook()
    out = filled.active
    for row in rows[:header + 1]:
        out.append(list(row))
    out.append([lines[0][0], *lines[0][1:9], "tidak_perlu", "sudah dicek", "Operator Desa", "2026-12-01"])
    out.append([lines[1][0], *lines[1][1:9], "entah", None, None, None])
    path = tmp_path / "lembar.xlsx"
    filled.save(path)
    with open(path, "rb") as handle:
        back = client.post("/tepat-sasaran/lembar", data={"lembar": (handle, "lembar.xlsx"), "kembali": "/tepat-sasaran/"},
                           content_type="multipart/form-data", follow_redirects=True)
    text = back.get_data(as_text=True)
    assert "1 hasil pemeriksaan dicatat" in text and "entah" in text
    with psycopg.connect(db_url) as conn:
        stored = conn.execute("SELECT hasil, catatan, diperiksa_oleh, diperiksa_pada::text, dicatat_oleh FROM cek_ulang "
                              "WHERE id = %s", (lines[0][0],)).fetchone()
    assert stored == ("tidak_perlu", "sudah dicek", "Operator Desa", "2026-12-01", "perkim")
    again = client.get(f"/tepat-sasaran/desa/{village}/lembar.xlsx?program=pkh&periode=2026")
    kept = [r for r in load_workbook(io.BytesIO(again.data)).active.iter_rows(values_only=True) if r[0] == lines[0][0]]
    assert kept[0][9] == "tidak_perlu"  # the outcome stays with its line


def test_household_lists_are_for_personal_data_roles_only(app, truth):
    village = truth["pkh"]["desa_eksklusi"]
    viewer = login(app.test_client(), "perencana")
    for path in (f"/tepat-sasaran/desa/{village}", f"/tepat-sasaran/desa/{village}/lembar.xlsx", "/tepat-sasaran/tinjau",
                 "/tepat-sasaran/tidak-ditemukan.xlsx?program=pkh&periode=2026"):
        assert viewer.get(path).status_code == 403


def test_review_links_a_held_name_match(app, db_url):
    client = login(app.test_client(), "perkim")
    since = _last_audit(db_url)
    page = client.get("/tepat-sasaran/tinjau")
    assert page.status_code == 200 and _audit(db_url, "lihat_daftar", since)
    with psycopg.connect(db_url) as conn:
        held = conn.execute("SELECT id FROM penerima_bantuan WHERE tinjau = 'perlu' AND rt_id IS NULL "
                            "ORDER BY id LIMIT 1").fetchone()[0]
    assert client.post(f"/tepat-sasaran/tinjau/{held}", data={"keputusan": "diterima"}).status_code == 302
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT tinjau, rt_id = calon_id, tinjau_oleh FROM penerima_bantuan WHERE id = %s",
                            (held,)).fetchone() == ("diterima", True, "perkim")
        conn.execute("UPDATE penerima_bantuan SET tinjau = 'perlu', rt_id = NULL, rt_prov = NULL WHERE id = %s", (held,))
    refused = client.post(f"/tepat-sasaran/tinjau/{held}", data={"keputusan": "mungkin"}, follow_redirects=True)
    assert "keputusan harus diterima atau ditolak" in refused.get_data(as_text=True)
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT tinjau FROM penerima_bantuan WHERE id = %s", (held,)).fetchone() == ("perlu",)


def test_report_of_recipients_not_found_in_the_registry(app, db_url, sample_dir, truth):
    """Every planted recipient the registry does not hold is in the report, with nothing linked."""
    client = login(app.test_client(), "perkim")
    since = _last_audit(db_url)
    answer = client.get("/tepat-sasaran/tidak-ditemukan.xlsx?program=bpnt&periode=2026")
    assert answer.status_code == 200 and _audit(db_url, "ekspor", since)
    rows = list(load_workbook(io.BytesIO(answer.data)).active.iter_rows(values_only=True))
    assert rows[1][:4] == ("Kode desa", "Desa", "No. KK", "NIK")
    lines = rows[2:]
    listed = pd.read_csv(sample_dir / "penerima_bpnt.csv", dtype=str, keep_default_na=False)
    planted = {listed.iloc[i, 3] for i, t in enumerate(truth["bpnt"]["baris"]) if t["tanam"] == "tidak_terdaftar"}
    assert planted and planted <= {line[3] for line in lines}
    with psycopg.connect(db_url) as conn:
        unlinked = conn.execute("SELECT count(*) FROM penerima_bantuan WHERE program = 'bpnt' AND periode = '2026' "
                                "AND rt_id IS NULL").fetchone()[0]
    assert len(lines) == unlinked


def test_a_planner_imports_a_list_on_the_web_and_sees_how_it_matched(app, db_url, tmp_path):
    """Impor Data with a list of another office's headers and a period for the whole file: the job
    reports the rows per way of matching, and the page shows the programme and period at once."""
    with psycopg.connect(db_url) as conn:
        heads = conn.execute("SELECT nik_kepala, nama_kepala, kode_desa FROM rumah_tangga WHERE aktif AND desil <= 3 "
                             "ORDER BY id LIMIT 12").fetchall()
    lines = ["NIK KPM,Nama KPM,Kode Wilayah,Jenis Bantuan"]
    lines += [f"'{nik},{name},{desa.replace('.', '')},Bansos Daerah" for nik, name, desa in heads[:10]]
    lines += [f",{name},{desa},Bantuan APBD" for _nik, name, desa in heads[10:]]
    lines.append(f"9999999999999999,Tidak Ada Di Registri,{heads[0][2]},bansos daerah")
    path = tmp_path / "bansos.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    client = login(app.test_client(), "perkim")
    try:
        with open(path, "rb") as handle:
            form = {"jenis": "penerima_bantuan", "periode": "2099", "berkas": (handle, "bansos.csv")}
            answer = client.post("/impor/", data=form, content_type="multipart/form-data")
        assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
        state = wait_for_import(client, answer.headers["Location"])
        assert state["status"] == "selesai", state
        assert state["hasil"]["ditambah"] == 13 and state["hasil"]["rincian"]["cocok"]["nik"] == 10, state["hasil"]
        assert state["hasil"]["rincian"]["cocok"]["tidak_ditemukan"] == 1
        page = client.get("/tepat-sasaran/?program=lokal&periode=2099").get_data(as_text=True)
        assert "2099" in page and "tabel-desa" in page
    finally:
        with psycopg.connect(db_url) as conn:
            conn.execute("DELETE FROM penerima_bantuan WHERE periode = '2099'")
