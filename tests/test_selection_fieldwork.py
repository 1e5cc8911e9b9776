"""Field verification round trip (issue #19): the XLSX field form prints as a form, comes back
filled, is previewed and applied in one transaction; corrected house data reaches the household
record with the old value kept."""
import datetime
import io
import itertools
import time

import psycopg
import pytest
from openpyxl import Workbook, load_workbook

from spatial.errors import Conflict, UploadError
from spatial.selection import actions, candidates, fieldform, fieldwork
from tests.fieldform_helpers import fill, ids_in
from tests.selection_helpers import drop_programs, new_program, program as load_program

_names = itertools.count(1)
VISIT = datetime.date(2027, 3, 2)


@pytest.fixture
def proposals(db_url, conn):
    """A programme with eight proposals; yields (program, rows of the field form). Afterwards the
    house data of its households is put back as it was (other tests read the sample)."""
    program_id = new_program(db_url, f"Uji lapangan {next(_names)}-{time.time_ns()}", 12)
    chosen = [r for r in candidates.households(conn, load_program(conn, program_id)) if r["lon"] is not None][:8]
    actions.add_households(conn, program_id, [(r["kode_prov"], r["id"]) for r in chosen], "budi")
    saved = conn.execute("SELECT kode_prov, id, jenis_atap, jenis_dinding, jenis_lantai, luas_lantai_m2, geom, "
                         "kualitas_lokasi FROM rumah_tangga WHERE (kode_prov, id) IN (SELECT kode_prov, "
                         "rumah_tangga_id FROM seleksi WHERE program_id = %s)", (program_id,)).fetchall()
    conn.commit()
    yield load_program(conn, program_id), fieldwork.form_rows(conn, program_id)
    conn.rollback()
    with psycopg.connect(db_url) as cleanup:
        for prov, rt_id, atap, dinding, lantai, luas, geom, kualitas in saved:
            cleanup.execute("UPDATE rumah_tangga SET jenis_atap = %s, jenis_dinding = %s, jenis_lantai = %s, "
                            "luas_lantai_m2 = %s, geom = %s, kualitas_lokasi = %s WHERE kode_prov = %s AND id = %s",
                            (atap, dinding, lantai, luas, geom, kualitas, prov, rt_id))
        cleanup.execute("DELETE FROM rumah_tangga_koreksi WHERE seleksi_id IN (SELECT id FROM seleksi WHERE "
                        "program_id = %s)", (program_id,))
    drop_programs(db_url, [program_id])


def _form(program, rows):
    return fieldform.write(program, rows, "budi", made=datetime.datetime(2027, 3, 1, 1, 30, tzinfo=datetime.UTC))


def test_the_form_prints_landscape_one_page_wide_with_titles_and_lists(proposals):
    program, rows = proposals
    book = load_workbook(io.BytesIO(_form(program, rows)))
    sheet = book[fieldform.SHEET]
    assert sheet.print_title_rows == f"${fieldform.HEADER_ROW}:${fieldform.HEADER_ROW}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    headers = [c.value for c in sheet[fieldform.HEADER_ROW]]
    for wanted in ("ID Keluarga", "Nama Kepala Keluarga", "Alamat", "Desa/Kelurahan", "Lintang", "Bujur", "Atap",
                   "Dinding", "Lantai", "Luas lantai (m²)", "Skor", "Rincian skor", "Layak (ya/tidak)",
                   "Alasan (bila tidak layak)", "Catatan", "Tanggal kunjungan", "Petugas"):
        assert wanted in headers
    layak = fieldform._letter("layak")
    lists = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    rule = next(v for ref, v in lists.items() if ref.startswith(layak))
    assert rule.type == "list" and rule.formula1 == '"ya,tidak"' and rule.showErrorMessage
    assert f"{layak}{fieldform.HEADER_ROW + len(rows)}" in str(rule.sqref)
    assert book[fieldform.META_SHEET].sheet_state == "hidden"
    # the score's reasons in words, a village with its name and code
    first = [c.value for c in sheet[fieldform.HEADER_ROW + 1]]
    assert "+" in first[headers.index("Rincian skor")]
    assert rows[0]["kode_desa"] in first[headers.index("Desa/Kelurahan")]
    assert ids_in(_form(program, rows)) == [r["seleksi_id"] for r in rows]


def test_filled_form_preview_and_apply(conn, proposals):
    program, rows = proposals
    ids = [r["seleksi_id"] for r in rows]
    area_before = rows[0]["luas_lantai_m2"]
    filled = fill(_form(program, rows), {
        ids[0]: {"Layak (ya/tidak)": "ya", "Petugas": "Sari", "Tanggal kunjungan": VISIT,
                 "Koreksi luas lantai (m²)": "24,5", "Catatan": "atap bocor"},
        ids[1]: {"Layak (ya/tidak)": "Tidak", "Alasan (bila tidak layak)": "rumah sudah permanen"},
        ids[2]: {"Layak (ya/tidak)": "mungkin", "Petugas": "Sari", "Tanggal kunjungan": VISIT},   # a wrong value
        ids[3]: {"Layak (ya/tidak)": "ya", "Tanggal kunjungan": "02/03/2027"},                    # no Petugas
        ids[4]: {"Layak (ya/tidak)": "1", "Petugas": "Budi", "Tanggal kunjungan": "2/3/2027",
                 "Koreksi atap": "genteng plastik"},                                               # unknown material
        ids[5]: {"Layak (ya/tidak)": "ya", "Petugas": "Budi", "Tanggal kunjungan": VISIT, "ID Keluarga": "KK-SALAH"},
    })
    form = fieldform.read(filled)
    assert form.program_id == program["id"]
    preview = fieldwork.plan(conn, program, form, today=datetime.date(2027, 3, 5))
    assert {e["seleksi_id"]: e["ke"] for e in preview["terapkan"]} == {
        ids[0]: "terverifikasi", ids[1]: "ditolak", ids[4]: "terverifikasi"}
    assert preview["terapkan"][0]["koreksi"] == [
        {"kolom": "luas_lantai_m2", "lama": f"{area_before:.2f}", "baru": "24.50", "nilai": 24.5}]
    refused = {r["baris"]: r for r in preview["tidak_diterapkan"]}
    assert len(refused) == 3
    texts = [a["pesan"] for r in refused.values() for a in r["alasan"]]
    assert any("Layak harus ya atau tidak" in t for t in texts)
    assert any("Petugas" in t for t in texts)
    assert any("tidak cocok" in t for t in texts)
    assert preview["belum_diisi"] == 2
    warned = preview["peringatan"][0]
    assert warned["seleksi_id"] == ids[4] and "tidak dikenal" in warned["alasan"][0]["pesan"]
    # nothing has changed yet
    assert conn.execute("SELECT count(*) FROM seleksi WHERE id = ANY(%s) AND status = 'usulan'",
                        (ids,)).fetchone()[0] == len(ids)

    upload_id = fieldwork.store(conn, program, "formulir.xlsx", filled, preview, "budi", None)
    result = fieldwork.apply(conn, program["id"], upload_id, "budi")
    conn.commit()
    assert [d["seleksi_id"] for d in result["diterapkan"]] == [e["seleksi_id"] for e in preview["terapkan"]]
    assert not result["gagal"] and result["koreksi"] == 1 and result["skor_kabupaten"] == ["18.04"]
    status = dict(conn.execute("SELECT id, status FROM seleksi WHERE id = ANY(%s)", (ids,)).fetchall())
    assert (status[ids[0]], status[ids[1]], status[ids[2]], status[ids[4]]) == (
        "terverifikasi", "ditolak", "usulan", "terverifikasi")
    verified = conn.execute("SELECT verifikator, tanggal_verifikasi, alasan FROM seleksi WHERE id = %s",
                            (ids[0],)).fetchone()
    assert verified == ("Sari", VISIT, "atap bocor")
    household = rows[0]
    assert conn.execute("SELECT luas_lantai_m2 FROM rumah_tangga WHERE kode_prov = %s AND id = %s",
                        (household["kode_prov"], household["id"])).fetchone()[0] == pytest.approx(24.5)
    history = conn.execute("SELECT kolom, nilai_lama, nilai_baru, oleh, unggahan_id FROM rumah_tangga_koreksi "
                           "WHERE kode_prov = %s AND rumah_tangga_id = %s", (household["kode_prov"], household["id"]))
    assert history.fetchall() == [("luas_lantai_m2", f"{area_before:.2f}", "24.50", "budi", upload_id)]
    assert conn.execute("SELECT jenis_atap FROM rumah_tangga WHERE kode_prov = %s AND id = %s",
                        (rows[4]["kode_prov"], rows[4]["id"])).fetchone()[0] == rows[4]["jenis_atap"]
    with pytest.raises(Conflict, match="sudah diterapkan"):
        fieldwork.apply(conn, program["id"], upload_id, "budi")


def test_a_change_since_the_preview_fails_that_row_only(conn, proposals):
    program, rows = proposals
    ids = [r["seleksi_id"] for r in rows]
    filled = fill(_form(program, rows), {
        ids[0]: {"Koreksi lantai": "keramik"}, ids[1]: {"Layak (ya/tidak)": "ya", "Petugas": "Sari",
                                                     "Tanggal kunjungan": VISIT}})
    preview = fieldwork.plan(conn, program, fieldform.read(filled), today=datetime.date(2027, 3, 5))
    assert rows[0]["jenis_lantai"] not in ("keramik", "bambu")
    upload_id = fieldwork.store(conn, program, "f.xlsx", filled, preview, "budi", None)
    old = rows[0]["jenis_lantai"]
    conn.execute("UPDATE rumah_tangga SET jenis_lantai = 'bambu' WHERE kode_prov = %s AND id = %s",
                 (rows[0]["kode_prov"], rows[0]["id"]))    # someone else changed it meanwhile
    result = fieldwork.apply(conn, program["id"], upload_id, "budi")
    assert [d["seleksi_id"] for d in result["diterapkan"]] == [ids[1]]
    assert result["gagal"][0]["seleksi_id"] == ids[0] and "berubah sejak pratinjau" in result["gagal"][0]["alasan"][0]["pesan"]
    assert conn.execute("SELECT jenis_lantai FROM rumah_tangga WHERE kode_prov = %s AND id = %s",
                        (rows[0]["kode_prov"], rows[0]["id"])).fetchone()[0] == "bambu"
    conn.rollback()
    assert old == conn.execute("SELECT jenis_lantai FROM rumah_tangga WHERE kode_prov = %s AND id = %s",
                               (rows[0]["kode_prov"], rows[0]["id"])).fetchone()[0]


def test_another_programmes_form_or_another_file_is_refused(conn, proposals, db_url):
    program, rows = proposals
    other = new_program(db_url, f"Uji lapangan lain {time.time_ns()}", 3)
    try:
        form = fieldform.read(_form(program, rows))
        with pytest.raises(Conflict, match="program lain"):
            fieldwork.plan(conn, load_program(conn, other), form)
    finally:
        conn.rollback()
        drop_programs(db_url, [other])
    book = Workbook()
    book.active.append(["Nama", "Alamat"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(UploadError, match="bukan formulir"):
        fieldform.read(buffer.getvalue())
    with pytest.raises(UploadError, match="tidak dapat dibaca"):
        fieldform.read(b"PK\x03\x04 not really a workbook")
