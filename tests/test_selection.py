"""Beneficiary selection (#6): eligibility, ranking, optimiser, workflow, double aid, the race
between two connections, history and audit, exports read back (real PostGIS, sample of db_url)."""
import io
import itertools
import json
import threading
import time

import psycopg
import pytest
from openpyxl import load_workbook

from conftest import wait_for

from spatial.selection import actions, candidates, optimiser, programs
from spatial.selection.programs import SelectionError
from tests.conftest import login
from tests.selection_helpers import UNIT, drop_programs, new_program, program

_names = itertools.count(1)


@pytest.fixture
def make_program(db_url, conn):
    """Factory of programmes that are deleted after the test (the test's connection ended first)."""
    created = []

    def make(units=30, quotas=None, **fields):
        program_id = new_program(db_url, f"Uji seleksi {next(_names)}-{time.time_ns()}", units, quotas, **fields)
        created.append(program_id)
        return program_id

    yield make
    conn.rollback()
    drop_programs(db_url, created)


def _candidates(conn, program_id, **filters):
    return candidates.households(conn, program(conn, program_id), filters=filters or None)


def test_eligibility_follows_the_programme_rules(conn, make_program):
    default = make_program()
    everyone = candidates.households(conn, program(conn, default), only_candidates=False)
    facts = {(r[0], r[1]): r[2:] for r in conn.execute("""
        SELECT h.kode_prov, h.id, h.status_rumah, h.desil, h.tahun_bantuan_rumah, s.rtlh
        FROM rumah_tangga h JOIN skor_rtlh s ON s.kode_prov = h.kode_prov AND s.rumah_tangga_id = h.id
        WHERE h.aktif""").fetchall()}
    assert len(everyone) == len(facts) > 1000
    for row in everyone:
        status, desil, aided, rtlh = facts[(row["kode_prov"], row["id"])]
        assert ("bukan_rtlh" in row["alasan"]) == (not rtlh)
        assert ("bukan_milik_sendiri" in row["alasan"]) == (status != "milik sendiri")
        assert ("desil_di_atas_batas" in row["alasan"]) == (desil is None or desil > 4)
        assert ("sudah_dibantu" in row["alasan"]) == (aided is not None and aided > 2027 - 10)
        assert row["memenuhi_syarat"] == (not row["alasan"])
    eligible = [r for r in everyone if r["memenuhi_syarat"]]
    assert 100 < len(eligible) < len(everyone)
    assert any("sudah_dibantu" in r["alasan"] for r in everyone)

    strict = make_program(aturan={"desil_maksimum": 2, "skor_minimum": 40}, tahun_tanpa_bantuan=0)
    rows = _candidates(conn, strict)
    assert rows and all(r["desil"] <= 2 and r["skor"] >= 40 for r in rows)
    assert len(rows) < len(eligible)
    everyone_strict = candidates.households(conn, program(conn, strict), only_candidates=False)
    assert not any("sudah_dibantu" in r["alasan"] for r in everyone_strict)   # N = 0 years


def test_ranking_by_score_with_components_and_filters(conn, make_program):
    program_id = make_program()
    rows = _candidates(conn, program_id)
    scores = [float(r["skor"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    stored = dict(((r[0], r[1]), float(r[2])) for r in conn.execute(
        "SELECT kode_prov, rumah_tangga_id, skor FROM skor_rtlh").fetchall())
    assert all(stored[(r["kode_prov"], r["id"])] == float(r["skor"]) for r in rows)
    props = candidates.public_properties(rows[0])
    assert props["kondisi"] + props["kesehatan"] + props["kesejahteraan"] + props["kerentanan"] == pytest.approx(props["skor"])
    assert "nik" not in json.dumps(candidates.to_feature_collection(rows)).lower()

    kecamatan = rows[0]["kode_kec"]
    in_kec = _candidates(conn, program_id, kode_kec=kecamatan)
    assert in_kec and all(r["kode_kec"] == kecamatan for r in in_kec) and len(in_kec) < len(rows)
    desil1 = _candidates(conn, program_id, desil=1)
    assert desil1 and all(r["desil"] == 1 for r in desil1)
    poor_house = _candidates(conn, program_id, kondisi_minimum=30)
    assert poor_house and all(float(r["komponen"]["kondisi"]) >= 30 for r in poor_house)
    vulnerable = _candidates(conn, program_id, rentan=True)
    assert vulnerable and all(float(r["komponen"]["kerentanan"]) > 0 for r in vulnerable)


def test_priority_area_and_lokus_restrictions(conn, make_program):
    whole = make_program()
    best = _candidates(conn, whole)[0]
    village, other_village = best["kode_desa"], _candidates(conn, whole, kode_kec=best["kode_kec"])[-1]["kode_desa"]
    conn.execute("INSERT INTO kawasan_prioritas (nama, jenis, tahun, geom, dibuat_oleh) "
                 "SELECT 'uji #6', 'lainnya', 2027, geom, 'uji' FROM desa WHERE kode_desa = %s", (village,))
    conn.execute("INSERT INTO lokus_desa (tahun, jenis, kode_desa, ditetapkan_oleh) VALUES (2027, 'stunting', %s, 'uji')",
                 (other_village,))
    kawasan = candidates.households(conn, {**program(conn, whole), "batas_wilayah": "kawasan_prioritas"})
    assert kawasan and all(r["dalam_kawasan"] for r in kawasan)
    assert (best["kode_prov"], best["id"]) in {(r["kode_prov"], r["id"]) for r in kawasan}
    lokus = candidates.households(conn, {**program(conn, whole), "batas_wilayah": "lokus"})
    assert lokus and {r["kode_desa"] for r in lokus} == {other_village}
    inside = _candidates(conn, whole, dalam_kawasan=True)
    assert {r["id"] for r in inside} == {r["id"] for r in kawasan}
    conn.rollback()


def test_optimiser_fills_budget_respects_quotas_and_beats_greedy(conn, make_program):
    plain = make_program(units=40)
    prog, proposal = actions.propose(conn, plain)
    eligible = _candidates(conn, plain)
    assert proposal.method == optimiser.GREEDY and len(proposal.chosen) == 40
    assert [r["id"] for r in proposal.chosen] == [r["id"] for r in eligible[:40]]     # exact: top 40
    assert {code for _r, code, _g in proposal.left_out} == {"anggaran_habis"}

    top_kec = eligible[0]["kode_kec"]
    kec_quota = sum(r["kode_kec"] == top_kec for r in eligible[:40]) - 1      # one less than the top 40 hold
    top_desa = next(r["kode_desa"] for r in eligible if r["kode_kec"] != top_kec)
    quotas = {top_kec: kec_quota, top_desa: 1}
    quota_id = make_program(units=40, quotas=quotas)
    prog, proposal = actions.propose(conn, quota_id)
    assert proposal.method == optimiser.ILP and len(proposal.chosen) == 40
    assert sum(r["kode_kec"] == top_kec for r in proposal.chosen) == kec_quota
    assert sum(r["kode_desa"] == top_desa for r in proposal.chosen) <= 1
    baseline = optimiser.greedy(eligible, 40, optimiser.room_of(prog))
    assert proposal.total_score >= baseline.total_score - 1e-6
    assert any(code == "kuota_penuh" for _r, code, _g in proposal.left_out)

    applied = actions.apply_proposal(conn, quota_id, "uji")
    conn.commit()
    assert applied["metode"] == optimiser.ILP and applied["program"]["unit"] == 40
    assert applied["program"]["biaya"] <= applied["program"]["anggaran"]
    assert any("kuota" in reason for reason in applied["tidak_dipilih"])
    # manual additions stay within budget and quotas as well
    more = actions.add_households(conn, quota_id, [(r["kode_prov"], r["id"]) for r in eligible[40:45]], "uji")
    assert more["ditambah"] == [] and {r["alasan"] for r in more["ditolak"]} <= {"anggaran_habis", "kuota_penuh",
                                                                              "sudah_terpilih"}


def test_optimiser_integer_programme_on_a_small_case():
    rows = [{"id": i, "kode_prov": "18", "skor": s, "kode_desa": d, "kode_kec": "18.04.01"}
            for i, (s, d) in enumerate([(90, "18.04.01.2001"), (80, "18.04.01.2001"), (70, "18.04.01.2002"),
                                        (60, "18.04.01.2002"), (50, "18.04.01.2003")])]
    room = {"18.04.01.2001": 1, "18.04.01.2002": 1}
    best = optimiser.integer_programme(rows, 3, room)
    assert [r["id"] for r in best.chosen] == [0, 2, 4] and best.total_score == 210
    assert best.total_score >= optimiser.greedy(rows, 3, room).total_score


def test_transitions_allowed_and_refused(conn, make_program):
    program_id = make_program()
    first, second = _candidates(conn, program_id)[:2]
    actions.add_households(conn, program_id, [(first["kode_prov"], first["id"]), (second["kode_prov"], second["id"])], "budi")
    conn.commit()
    sid = conn.execute("SELECT id FROM seleksi WHERE program_id = %s AND rumah_tangga_id = %s",
                       (program_id, first["id"])).fetchone()[0]
    with pytest.raises(SelectionError, match="verifikator"):
        actions.transition(conn, program_id, sid, "terverifikasi", "budi")
    with pytest.raises(SelectionError, match="tidak diizinkan"):
        actions.transition(conn, program_id, sid, "selesai", "budi")
    import datetime
    actions.transition(conn, program_id, sid, "terverifikasi", "budi", verifikator="Sari", tanggal=datetime.date(2027, 2, 1))
    actions.transition(conn, program_id, sid, "ditetapkan", "kabid")
    actions.transition(conn, program_id, sid, "selesai", "kabid")
    conn.commit()
    with pytest.raises(SelectionError, match="tidak diizinkan"):
        actions.transition(conn, program_id, sid, "usulan", "budi")
    # the database refuses the same on its own
    with pytest.raises(psycopg.errors.CheckViolation, match="tidak diizinkan"):
        with conn.transaction():
            conn.execute("UPDATE seleksi SET status = 'usulan' WHERE id = %s", (sid,))
    with pytest.raises(psycopg.errors.CheckViolation, match="hanya usulan"):
        with conn.transaction():
            conn.execute("DELETE FROM seleksi WHERE id = %s", (sid,))
    other = conn.execute("SELECT id FROM seleksi WHERE program_id = %s AND rumah_tangga_id = %s",
                         (program_id, second["id"])).fetchone()[0]
    with pytest.raises(SelectionError, match="Alasan"):
        actions.transition(conn, program_id, other, "ditolak", "budi", alasan="  ")
    with pytest.raises(psycopg.errors.CheckViolation):
        with conn.transaction():
            conn.execute("UPDATE seleksi SET status = 'ditolak', alasan = NULL WHERE id = %s", (other,))
    actions.transition(conn, program_id, other, "ditolak", "budi", alasan="rumah sudah direnovasi sendiri")
    conn.commit()
    assert conn.execute("SELECT status FROM seleksi WHERE id = %s", (other,)).fetchone()[0] == "ditolak"


def test_double_aid_is_a_database_rule(conn, make_program):
    first, second = make_program(), make_program()
    household = _candidates(conn, first)[0]
    pair = (household["kode_prov"], household["id"])
    assert actions.add_households(conn, first, [pair], "ani")["ditambah"] == [list(pair)]
    conn.commit()
    refused = actions.add_households(conn, second, [pair], "budi")
    assert refused["ditambah"] == []
    assert refused["ditolak"][0]["alasan"] == "program_lain" and "Uji seleksi" in refused["ditolak"][0]["keterangan"]
    with pytest.raises(psycopg.errors.UniqueViolation, match="seleksi_satu_aktif"):
        with conn.transaction():
            conn.execute("INSERT INTO seleksi (program_id, kode_prov, rumah_tangga_id, dibuat_oleh, diubah_oleh) "
                         "VALUES (%s, %s, %s, 'x', 'x')", (second, *pair))
    # closing the first programme rejects its open proposals and frees the household
    programs.set_status(conn, first, "ditutup", "kabid")
    conn.commit()
    assert conn.execute("SELECT status, alasan FROM seleksi WHERE program_id = %s", (first,)).fetchone() == \
        ("ditolak", "program ditutup")
    assert actions.add_households(conn, second, [pair], "budi")["ditambah"] == [list(pair)]
    conn.commit()
    with pytest.raises(SelectionError, match="ditutup"):
        actions.add_households(conn, first, [pair], "ani")
    conn.rollback()


def test_repaired_household_stays_blocked_after_closure(conn, make_program):
    import datetime
    first, later = make_program(), make_program()
    household = _candidates(conn, first)[0]
    pair = (household["kode_prov"], household["id"])
    actions.add_households(conn, first, [pair], "ani")
    sid = conn.execute("SELECT id FROM seleksi WHERE program_id = %s", (first,)).fetchone()[0]
    actions.transition(conn, first, sid, "terverifikasi", "ani", verifikator="Sari", tanggal=datetime.date(2027, 3, 1))
    actions.transition(conn, first, sid, "ditetapkan", "ani")
    with pytest.raises(SelectionError, match="ditetapkan"):
        programs.set_status(conn, first, "ditutup", "kabid")
    actions.transition(conn, first, sid, "selesai", "ani")
    programs.set_status(conn, first, "ditutup", "kabid")
    conn.commit()
    refused = actions.add_households(conn, later, [pair], "budi")["ditolak"][0]
    assert refused["alasan"] == "sudah_dibantu_program"
    # a programme that ignores past aid may take it; re-opening the first one is then refused by the index
    lenient = make_program(tahun_tanpa_bantuan=0)
    assert actions.add_households(conn, lenient, [pair], "budi")["ditambah"] == [list(pair)]
    conn.commit()
    with pytest.raises(SelectionError, match="dibuka kembali"):
        programs.set_status(conn, first, "aktif", "kabid")
    conn.rollback()
    assert programs.get_program(conn, first)["status"] == "ditutup"


def test_concurrent_selection_one_wins(db_url, make_program):
    first, second = make_program(), make_program()
    with psycopg.connect(db_url) as a, psycopg.connect(db_url) as b:
        household = _candidates(a, first)[0]
        pair = (household["kode_prov"], household["id"])
        result_a = actions.add_households(a, first, [pair], "ani")          # not committed yet
        assert result_a["ditambah"] == [list(pair)]
        result_b = {}
        worker = threading.Thread(target=lambda: result_b.update(actions.add_households(b, second, [pair], "budi")))
        worker.start()
        with psycopg.connect(db_url, autocommit=True) as watcher:  # b waits on the unique index for a's transaction
            wait_for(lambda: watcher.execute("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s",
                                             (b.info.backend_pid,)).fetchone()[0], what="b to wait for a's lock")
        assert worker.is_alive()
        a.commit()
        worker.join(10)
        b.commit()
    assert result_b["ditambah"] == []
    assert result_b["ditolak"][0]["alasan"] == "program_lain" and "ani" in result_b["ditolak"][0]["keterangan"]
    with psycopg.connect(db_url) as check:
        rows = check.execute("SELECT program_id FROM seleksi WHERE kode_prov = %s AND rumah_tangga_id = %s "
                             "AND status <> 'ditolak' AND program_aktif", pair).fetchall()
    assert rows == [(first,)]


def test_history_and_audit_entries(app, conn, make_program, db_url):
    import datetime
    program_id = make_program()
    one, two = _candidates(conn, program_id)[:2]
    actions.add_households(conn, program_id, [(one["kode_prov"], one["id"]), (two["kode_prov"], two["id"])], "ani")
    sid = conn.execute("SELECT id FROM seleksi WHERE program_id = %s AND rumah_tangga_id = %s",
                       (program_id, one["id"])).fetchone()[0]
    actions.transition(conn, program_id, sid, "terverifikasi", "sari", verifikator="Sari", tanggal=datetime.date(2027, 1, 5))
    actions.transition(conn, program_id, sid, "ditolak", "kabid", alasan="tanah sengketa")
    actions.remove_households(conn, program_id, [(two["kode_prov"], two["id"])], "ani", alasan="salah pilih")
    conn.commit()
    history = conn.execute("SELECT rumah_tangga_id, dari, ke, alasan, oleh FROM seleksi_riwayat WHERE program_id = %s "
                           "ORDER BY id", (program_id,)).fetchall()
    assert (one["id"], None, "usulan", None, "ani") in history
    assert (one["id"], "usulan", "terverifikasi", None, "sari") in history
    assert (one["id"], "terverifikasi", "ditolak", "tanah sengketa", "kabid") in history
    assert (two["id"], "usulan", "dihapus", "salah pilih", "ani") in history
    client = login(app.test_client(), "perkim")
    assert client.get(f"/seleksi/{program_id}/ekspor.csv").status_code == 200
    audit = conn.execute("SELECT pengguna, detail FROM audit_log WHERE aksi = 'ekspor' AND objek = 'program' "
                         "AND objek_id = %s", (str(program_id),)).fetchall()
    assert audit and audit[-1][0] == "perkim" and audit[-1][1]["format"] == "csv" and audit[-1][1]["nik_lengkap"]
    page = client.get(f"/seleksi/{program_id}/daftar")
    assert page.status_code == 200 and "tanah sengketa" in page.get_data(as_text=True)


def test_xlsx_csv_geojson_exports(app, conn, make_program):
    program_id = make_program(units=10)
    actions.apply_proposal(conn, program_id, "uji")
    conn.commit()
    nik = dict(((r[0], r[1]), r[2]) for r in conn.execute(
        "SELECT h.id_keluarga, h.kode_desa, h.nik_kepala FROM seleksi s JOIN rumah_tangga h "
        "ON h.kode_prov = s.kode_prov AND h.id = s.rumah_tangga_id WHERE s.program_id = %s", (program_id,)).fetchall())
    client = login(app.test_client(), "perkim")
    response = client.get(f"/seleksi/{program_id}/ekspor.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert "BSPS" not in values[0][0] and "UJI SELEKSI" in values[0][0]
    header = dict((r[0], r[1]) for r in values[1:9])
    assert header["Jumlah unit"] == 10 and header["Total biaya (Rp)"] == 10 * UNIT and header["Anggaran (Rp)"] == 10 * UNIT
    assert header["Sumber dana"] == "APBN" and header["Tanggal cetak"]
    start = next(i for i, r in enumerate(values) if r[0] == "No")
    columns = values[start]
    assert list(columns[1:4]) == ["ID Keluarga", "NIK Kepala Keluarga", "Nama Kepala Keluarga"]
    table = [r for r in values[start + 1:] if isinstance(r[0], int)]
    assert len(table) == 10
    for row in table:
        assert nik[(row[1], row[5])] == row[2]                 # full NIK for perkim
        assert row[columns.index("Status")] == "Usulan" and row[columns.index("Biaya (Rp)")] == UNIT
    assert any(r[1] == "Mengetahui," for r in values[start + 11:])

    text = client.get(f"/seleksi/{program_id}/ekspor.csv").data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ID Keluarga,NIK Kepala Keluarga") and len(text.splitlines()) == 11
    collection = json.loads(client.get(f"/seleksi/{program_id}/ekspor.geojson").data)
    assert len(collection["features"]) == 10
    assert all("********" in f["properties"]["nik"] for f in collection["features"])
    for role in ("viewer", "perencana"):
        assert login(app.test_client(), role).get(f"/seleksi/{program_id}/ekspor.xlsx").status_code == 403
    kode_desa = table[0][5]
    sheet_html = client.get(f"/seleksi/{program_id}/lembar-verifikasi/{kode_desa}").get_data(as_text=True)
    assert "LEMBAR VERIFIKASI" in sheet_html and nik[(table[0][1], kode_desa)] in sheet_html


def test_api_area_selection_and_roles(app, conn, make_program, db_url):
    program_id = make_program(units=500)
    client = login(app.test_client(), "perkim")
    village = conn.execute("""
        SELECT d.kode_desa, ST_AsGeoJSON(ST_Envelope(ST_Buffer(d.geom, 0.001)))
        FROM desa d JOIN rumah_tangga h ON h.kode_desa = d.kode_desa AND h.geom IS NULL
        GROUP BY d.kode_desa, d.geom ORDER BY count(*) DESC LIMIT 1""").fetchone()
    area = json.loads(village[1])
    preview = client.post(f"/api/seleksi/{program_id}/area/pratinjau", json={"geometry": area}).get_json()
    everyone = candidates.households(conn, program(conn, program_id), area=area)
    assert preview["memenuhi_syarat"] == len(everyone) > 0
    assert preview["biaya"] == preview["memenuhi_syarat"] * UNIT
    no_gps = [r for r in everyone if r["lon"] is None]
    assert preview["tanpa_gps_desa"] == len(no_gps)
    added = client.post(f"/api/seleksi/{program_id}/area/tambah", json={"geometry": area}).get_json()
    assert len(added["ditambah"]) == len(everyone) and added["program"]["unit"] == len(everyone)
    # a smaller area that does not hold the whole village: no household without GPS is matched
    small = conn.execute("SELECT ST_AsGeoJSON(ST_Expand(ST_PointOnSurface(geom), 0.002)) FROM desa WHERE kode_desa = %s",
                         (village[0],)).fetchone()[0]
    inside_small = candidates.households(conn, program(conn, program_id), area=json.loads(small), only_candidates=False)
    assert all(r["lon"] is not None for r in inside_small)
    # geometry only in the body; bad bodies refused; other roles refused
    assert client.post(f"/api/seleksi/{program_id}/area/pratinjau", json={"geometry": {"type": "Point"}}).status_code == 400
    assert client.get(f"/api/seleksi/{program_id}/kandidat?desil=1").status_code == 200
    for role in ("viewer", "perencana"):
        other = login(app.test_client(), role)
        assert other.post(f"/api/seleksi/{program_id}/area/tambah", json={"geometry": area}).status_code == 403
        assert other.get(f"/seleksi/{program_id}").status_code == 403
    assert login(app.test_client(), "admin").get(f"/seleksi/{program_id}").status_code == 200
    pair = added["ditambah"][0]
    removed = client.post(f"/api/seleksi/{program_id}/hapus", json={"rumah_tangga": [{"kode_prov": pair[0], "id": pair[1]}]})
    assert removed.status_code == 200 and removed.get_json()["program"]["unit"] == len(everyone) - 1


def test_verification_photo_upload_checks_type(app, conn, make_program, tmp_path):
    app.config["UPLOAD_DIR"] = str(tmp_path)
    program_id = make_program()
    household = _candidates(conn, program_id)[0]
    actions.add_households(conn, program_id, [(household["kode_prov"], household["id"])], "uji")
    conn.commit()
    sid = conn.execute("SELECT id FROM seleksi WHERE program_id = %s", (program_id,)).fetchone()[0]
    client = login(app.test_client(), "perkim")
    url = f"/seleksi/{program_id}/seleksi/{sid}/status"
    form = {"ke": "terverifikasi", "verifikator": "Sari", "tanggal": "2027-02-03"}
    bad = client.post(url, data={**form, "foto": (io.BytesIO(b"MZ\x90\x00 not a photo"), "rumah.jpg")},
                      content_type="multipart/form-data", follow_redirects=True)
    assert "bukan gambar" in bad.get_data(as_text=True)
    assert conn.execute("SELECT status FROM seleksi WHERE id = %s", (sid,)).fetchone()[0] == "usulan"
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    client.post(url, data={**form, "foto": (io.BytesIO(png), "rumah.png")}, content_type="multipart/form-data")
    conn.rollback()
    status, foto = conn.execute("SELECT status, foto FROM seleksi WHERE id = %s", (sid,)).fetchone()
    assert status == "terverifikasi" and foto.endswith(".png")
    assert client.get(f"/seleksi/{program_id}/foto/{sid}").data == png


def test_programme_form_with_quotas_and_closing(app, conn, db_url):
    client = login(app.test_client(), "perkim")
    name = f"BSPS form {time.time_ns()}"
    form = {"nama": name, "tahun": "2027", "sumber": "DAK", "biaya_satuan": "20.000.000", "anggaran": "400.000.000",
            "tahun_tanpa_bantuan": "5", "batas_wilayah": "semua", "wajib_rtlh": "1", "desil_maksimum": "3",
            "skor_minimum": "", "status_rumah": "milik sendiri", "kuota": "18.04.04 = 2\n18.04.04.2002 = 1"}
    response = client.post("/seleksi/", data=form)
    program_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    try:
        created = program(conn, program_id)
        assert created["anggaran"] == 400_000_000 and created["sisa_unit"] == 20 and created["sumber"] == "DAK"
        assert created["aturan"]["desil_maksimum"] == 3 and created["tahun_tanpa_bantuan"] == 5
        assert {q["kode_wilayah"]: q["kuota"] for q in created["kuota"]} == {"18.04.04": 2, "18.04.04.2002": 1}
        bad = client.post(f"/seleksi/{program_id}/ubah", data={**form, "kuota": "99.99.99 = 3"}, follow_redirects=True)
        assert "tidak dikenal: 99.99.99" in bad.get_data(as_text=True)
        conn.rollback()
        assert len(program(conn, program_id)["kuota"]) == 2          # the failed edit changed nothing
        proposal = client.post(f"/api/seleksi/{program_id}/usulan", json={"terapkan": True}).get_json()
        assert proposal["metode"] == "ilp_highs" and proposal["program"]["unit"] <= 20
        client.post(f"/seleksi/{program_id}/status", data={"status": "ditutup"})
        conn.rollback()
        closed = program(conn, program_id)
        assert closed["status"] == "ditutup" and closed["unit"] == 0
        assert client.post(f"/api/seleksi/{program_id}/usulan", json={"terapkan": True}).status_code == 409
        assert login(app.test_client(), "viewer").get("/seleksi/").status_code == 403
    finally:
        conn.rollback()
        drop_programs(db_url, [program_id])
