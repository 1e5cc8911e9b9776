"""Perkim's week on a phone (issue #19 acceptance), in Debian's Chromium at 390x844: select 150
houses at once, export the field form, fill it as a field worker would (openpyxl: every house
visited, one wrong Layak value, one corrected floor area, one rejection), upload it, read the
preview, apply it, and move the verified houses to ditetapkan in one bulk step."""
import datetime

import psycopg
import pytest
from openpyxl import load_workbook

from spatial.selection import fieldform
from tests.conftest import ARTIFACTS, browser_login
from tests.fieldform_helpers import fill, ids_in
from tests.phone_helpers import assert_fits
from tests.selection_helpers import drop_programs, new_program

HOUSES = 150


@pytest.fixture
def programme(db_url):
    program_id = new_program(db_url, "BSPS Uji Lapangan", units=HOUSES)
    yield program_id
    with psycopg.connect(db_url) as conn:   # put the corrected house data back (other tests read the sample)
        for prov, rt_id, old in conn.execute(
                "SELECT kode_prov, rumah_tangga_id, nilai_lama FROM rumah_tangga_koreksi WHERE seleksi_id IN "
                "(SELECT id FROM seleksi WHERE program_id = %s) AND kolom = 'luas_lantai_m2'", (program_id,)).fetchall():
            conn.execute("UPDATE rumah_tangga SET luas_lantai_m2 = %s WHERE kode_prov = %s AND id = %s", (old, prov, rt_id))
        conn.execute("DELETE FROM rumah_tangga_koreksi WHERE seleksi_id IN (SELECT id FROM seleksi WHERE program_id = %s)",
                     (program_id,))
    drop_programs(db_url, [program_id])


def _statuses(db_url, program_id) -> dict:
    with psycopg.connect(db_url) as conn:
        return dict(conn.execute("SELECT status, count(*) FROM seleksi WHERE program_id = %s GROUP BY status",
                                 (program_id,)).fetchall())


def test_the_week_on_a_phone(phone, db_url, programme, tmp_path):
    page = phone
    browser_login(page, "perkim")

    # 1. select 150 houses at once: every candidate the filter shows, the budget takes the best 150
    page.goto(f"/seleksi/{programme}")
    page.wait_for_selector("#kandidat-table tbody tr[data-key]")
    assert page.locator("#navigasi").bounding_box()["height"] < 70          # the menu collapsed
    assert_fits(page, "#tombol-usulan", "#pilih-semua", "#kandidat-table .rincian-buka")
    page.click("#pilih-semua")
    assert_fits(page, "#massal-tambah")
    page.click("#massal-tambah")
    page.wait_for_function(f"document.getElementById('total-unit').textContent === '{HOUSES}'")
    assert _statuses(db_url, programme) == {"usulan": HOUSES}
    refused = page.locator("#pesan li").first.inner_text()                   # by family id and name, with why
    assert refused.startswith("KK") and " · " in refused and "anggaran tidak cukup" in refused
    # why the first house scores what it does, in words
    page.locator("#kandidat-table .rincian-buka").first.click()
    reasons = page.locator("#kandidat-table .rincian-baris")
    reasons.wait_for()
    assert "+" in reasons.inner_text()
    page.locator("#kandidat-table input.pilih").first.check()                 # the table is drawn again:
    assert page.locator("#kandidat-table .rincian-baris").count() == 1      # the reasons stay open

    # 2. the recipient list: export the field form of the houses to visit
    page.goto(f"/seleksi/{programme}/daftar")
    assert page.locator("#daftar-table tbody tr[data-seleksi]").count() == HOUSES
    assert_fits(page, "#lapangan-link", "#formulir-link", "#pilih-halaman", "#daftar-table .rincian")
    with page.expect_download() as download:
        page.click("#formulir-link")
    form = tmp_path / "formulir.xlsx"
    download.value.save_as(form)
    sheet = load_workbook(form)[fieldform.SHEET]
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows

    # 3. the field worker fills it: all visited, one wrong value, one corrected floor area, one rejection
    ids = ids_in(form.read_bytes())
    assert len(ids) == HOUSES
    visit = {"Layak (ya/tidak)": "ya", "Petugas": "Sari Wulandari", "Tanggal kunjungan": datetime.date.today()}
    answers = {i: dict(visit) for i in ids}
    answers[ids[3]]["Layak (ya/tidak)"] = "mungkin"
    answers[ids[7]]["Koreksi luas lantai (m²)"] = "24,5"
    answers[ids[9]] = {"Layak (ya/tidak)": "tidak", "Alasan (bila tidak layak)": "rumah sudah permanen"}
    filled = tmp_path / "formulir_terisi.xlsx"
    filled.write_bytes(fill(form.read_bytes(), answers))

    # 4. upload, preview, apply
    page.click("#lapangan-link")
    assert_fits(page, "#berkas", "#unggah")
    page.set_input_files("#berkas", str(filled))
    page.click("#unggah")
    page.wait_for_selector("#ringkasan")
    assert page.locator("#n-terapkan").inner_text() == str(HOUSES - 1)
    assert page.locator("#n-tidak").inner_text() == "1"
    wrong = page.locator("#tolak-table tbody tr").inner_text()
    assert "mungkin" in wrong and "Layak" in wrong
    corrected = page.locator(f"#perubahan-table tr[data-seleksi='{ids[7]}']").inner_text()
    assert "24,5" in corrected and "→" in corrected
    assert _statuses(db_url, programme) == {"usulan": HOUSES}                  # nothing changed before applying
    assert_fits(page, "#terapkan", "#laporan")
    page.screenshot(path=str(ARTIFACTS / "lapangan-pratinjau-ponsel.png"), full_page=True)
    page.click("#terapkan")
    page.wait_for_selector("#hasil")
    assert _statuses(db_url, programme) == {"terverifikasi": HOUSES - 2, "ditolak": 1, "usulan": 1}
    with psycopg.connect(db_url) as conn:
        old, new = conn.execute("SELECT nilai_lama, nilai_baru FROM rumah_tangga_koreksi WHERE seleksi_id = %s",
                                (ids[7],)).fetchone()
    assert new == "24.50" and old != new
    with psycopg.connect(db_url) as conn:   # a corrected floor area: the RTLH scores of its kabupaten again
        assert conn.execute("SELECT count(*) FROM analisis_run WHERE jenis = 'skor' AND oleh = 'perkim' "
                            "AND kode_wilayah = '18.04' AND diminta > now() - interval '5 minutes'").fetchone()[0] == 1

    # 5. move the verified houses to ditetapkan in one bulk step
    page.goto(f"/seleksi/{programme}/daftar?status=terverifikasi")
    assert page.locator("#daftar-table tbody tr[data-seleksi]").count() == HOUSES - 2
    page.check("#pilih-halaman")
    page.select_option("#ke", "ditetapkan")
    page.fill("#alasan", "SK Kepala Dinas 12/2027")
    assert_fits(page, "#terapkan-langkah")
    page.click("#terapkan-langkah")
    page.wait_for_selector("#hasil-langkah.alert-success")
    assert page.locator("#hasil-langkah").inner_text().startswith(str(HOUSES - 2))
    assert _statuses(db_url, programme) == {"ditetapkan": HOUSES - 2, "ditolak": 1, "usulan": 1}
    assert page.console_errors == [] and page.external_requests == []
