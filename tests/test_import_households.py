"""Household import: every reject reason on hand-written rows, encodings, delimiters, XLSX with
merged header cells, unusable files, upsert counts, dry run, mark-inactive and the history."""
import csv
import json
from pathlib import Path

import psycopg
import pytest
from openpyxl import Workbook

from import_helpers import csv_text, household, snapshot, villages
from spatial.importer.columns import ImportFileError
from spatial.importer.report import rejects, write_report
from spatial.importer.registry import import_households


@pytest.fixture(scope="module")
def import_db(module_scratch_db):
    """One scratch database (boundaries only) for this module's imports."""
    return module_scratch_db


@pytest.fixture(scope="module")
def places(import_db):
    return villages(import_db)


def _rows(url, *ids):
    with psycopg.connect(url) as conn:
        return {r[0]: r[1:] for r in conn.execute(
            "SELECT id_keluarga, kode_desa, kualitas_lokasi, geom IS NULL, nama_kepala, luas_lantai_m2, aktif "
            "FROM rumah_tangga WHERE id_keluarga = ANY(%s)", (list(ids),))}


def _reasons_by_row(import_id, url):
    header, rejected, warned = rejects(import_id, url)
    position = header.index("baris")
    return {row[position]: row[position + 1].split(";") for row in rejected + warned}, header, rejected


def test_each_reason_code_on_its_row_and_valid_rows_land(import_db, places, tmp_path):
    a, b, far = places["a"], places["b"], places["far"]
    rows = [
        household(1, a),                                                   # line 2: valid
        household(2, a, id_keluarga=" "),                                  # 3 id_kosong
        household(3, a, nik_kepala="18040412345"),                         # 4 nik_tidak_valid
        household(4, a, kode_desa="18.04.99.9999"),                        # 5 kode_desa_tidak_dikenal
        household(5, a, jenis_atap="gentng"),                              # 6 kategori_tidak_valid
        household(6, a, desil="11"),                                       # 7 desil_di_luar_rentang
        household(7, a, jumlah_anggota="empat"),                           # 8 angka_tidak_valid
        household(8, a, latitude="48.85", longitude="2.35"),               # 9 koordinat_di_luar_indonesia
        household(9, a, latitude=f"{a[2]:.6f}", longitude=f"{a[1]:.6f}"),  # 10 koordinat_tertukar (kept)
        household(10, far, kode_desa=a[0]),                                # 11 lokasi_meragukan (kept)
        household(1, b, nik_kepala="1804049999990001"),                    # 12 id_ganda
        household(12, b, nik_kepala="1804041234000001"),                   # 13 nik_ganda (same NIK as row 2)
        household(13, b, latitude="", longitude=""),                       # 14 no coordinates (kept)
        household(14, b, luas_lantai_m2="1.234,5", ada_lansia="iya"),      # 15 valid, Indonesian number
    ]
    text = csv_text(rows)
    path = tmp_path / "kotor.csv"
    path.write_text(text, encoding="utf-8")
    result = import_households(path, user="uji", url=import_db)

    by_row, header, rejected = _reasons_by_row(result.import_id, import_db)
    assert by_row == {
        3: ["id_kosong"], 4: ["nik_tidak_valid"], 5: ["kode_desa_tidak_dikenal"], 6: ["kategori_tidak_valid"],
        7: ["desil_di_luar_rentang"], 8: ["angka_tidak_valid"], 9: ["koordinat_di_luar_indonesia"],
        10: ["koordinat_tertukar"], 11: ["lokasi_meragukan"], 12: ["id_ganda"], 13: ["nik_ganda"]}
    # only identity and location problems reject; an unreadable attribute keeps the household
    assert {r[-3] for r in rejected} == {3, 4, 5, 9, 12, 13}
    assert (result.rows, result.rejected, result.warned, result.inserted) == (14, 6, 5, 8)
    assert result.reasons["kategori_tidak_valid"] == 1 and result.reasons["lokasi_meragukan"] == 1
    # the report holds the original cells plus baris/alasan/keterangan, with a suggestion
    assert header[-4:] == ["status", "baris", "alasan", "keterangan"] and header[:2] == ["id_keluarga", "nik_kepala"]
    header, _, kept = rejects(result.import_id, import_db)
    atap = next(r for r in kept if r[-3] == 6)
    assert atap[header.index("jenis_atap")] == "gentng" and "mungkin 'genteng'" in atap[-1]
    assert "dikosongkan" in atap[-1] and "dikosongkan" in next(r for r in kept if r[-3] == 7)[-1]
    assert "16 digit" in next(r for r in rejected if r[-3] == 4)[-1]
    with psycopg.connect(import_db) as conn:
        emptied = conn.execute("SELECT id_keluarga, jenis_atap, desil, jumlah_anggota, jenis_dinding FROM rumah_tangga "
                               "WHERE id_keluarga IN ('KK00005', 'KK00006', 'KK00007') ORDER BY 1").fetchall()
    assert emptied == [("KK00005", None, 2, 4, "tembok"), ("KK00006", "genteng", None, 4, "tembok"),
                       ("KK00007", "genteng", 2, None, "tembok")]

    landed = _rows(import_db, "KK00001", "KK00009", "KK00010", "KK00013", "KK00014", "KK00012")
    assert landed["KK00001"][:3] == (a[0], "gps", False)
    assert landed["KK00009"][:3] == (a[0], "gps_diperbaiki", False)       # swapped back, in its village
    assert landed["KK00010"][:3] == (far[0], "lokasi_meragukan", False)   # kept where the point is, flagged
    assert landed["KK00013"][:3] == (b[0], "lokasi_perkiraan", True)      # counted in its village, no point
    assert float(landed["KK00014"][4]) == 1234.5
    assert "KK00012" not in landed


def test_rejects_report_fixed_and_imported_again(import_db, places, tmp_path):
    a = places["a"]
    path = tmp_path / "perbaiki.csv"
    path.write_text(csv_text([household(40, a), household(41, a, nik_kepala="1804041234OO0041")]), encoding="utf-8")
    first = import_households(path, url=import_db)
    assert (first.inserted, first.rejected) == (1, 1)
    report = tmp_path / "ditolak.xlsx"
    assert write_report(first.import_id, report, url=import_db) == 1
    from openpyxl import load_workbook
    sheet = load_workbook(report).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    column = values[0].index("nik_kepala")
    values[1][column] = "1804041234000041"             # the data officer fixes the cell
    fixed = Workbook()
    for row in values:
        fixed.active.append(row)
    fixed.save(tmp_path / "diperbaiki.xlsx")
    second = import_households(tmp_path / "diperbaiki.xlsx", url=import_db)
    assert (second.inserted, second.rejected, second.rows) == (1, 0, 1)
    assert _rows(import_db, "KK00041")["KK00041"][3] == "Siti Aminah"


def test_bom_semicolons_decimal_comma_and_windows_1252(import_db, places, tmp_path):
    a = places["a"]
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + csv_text([household(50, a, luas_lantai_m2="42,25")], delimiter=";").encode())
    result = import_households(bom, url=import_db)
    assert (result.inserted, result.rejected) == (1, 0)
    legacy = tmp_path / "excel_lama.csv"
    legacy.write_bytes(csv_text([household(51, a, nama_kepala="José Muñoz", alamat="Gang Ñandú"),
                                 household(52, a, nama_kepala="Renée Gonçalves")], delimiter="\t").encode("cp1252"))
    result = import_households(legacy, url=import_db)
    assert (result.inserted, result.rejected) == (2, 0)
    got = _rows(import_db, "KK00050", "KK00051", "KK00052")
    assert float(got["KK00050"][4]) == 42.25
    assert got["KK00051"][3] == "José Muñoz" and got["KK00052"][3] == "Renée Gonçalves"


def test_xlsx_with_merged_header_cells_and_numeric_nik(import_db, places, tmp_path):
    a = places["a"]
    book = Workbook()
    sheet = book.active
    sheet.append(["ID Keluarga", None, None, "Kode Wilayah", "Koordinat", None, "Desil"])
    sheet.append([None, "NIK", "Nama KK", None, "Lintang", "Bujur", None])
    for merged in ("A1:A2", "D1:D2", "E1:F1", "G1:G2"):
        sheet.merge_cells(merged)
    sheet.append(["KK00060", 1804041234560060, "Ahmad", a[0].replace(".", ""), a[1], a[2], 3])
    sheet.append(["KK00061", "1804041234560061", "Budi", a[0], f"{a[1]:.6f}".replace(".", ","), a[2], "4"])
    path = tmp_path / "survei.xlsx"
    book.save(path)
    result = import_households(path, url=import_db)
    assert (result.rows, result.inserted, result.rejected) == (2, 2, 0), rejects(result.import_id, import_db)
    with psycopg.connect(import_db) as conn:
        got = conn.execute("SELECT id_keluarga, nik_kepala, kode_desa, kualitas_lokasi, desil FROM rumah_tangga "
                           "WHERE id_keluarga IN ('KK00060', 'KK00061') ORDER BY 1").fetchall()
    assert got == [("KK00060", "1804041234560060", a[0], "gps", 3), ("KK00061", "1804041234560061", a[0], "gps", 4)]


@pytest.mark.parametrize("content, message", [
    (b"", "0 byte"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "bukan CSV"),
    (b"id_keluarga,nik\x00\x01\x02" * 50, "biner"),
    (b"PK\x03\x04" + b"\x00" * 100, "ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    (b"\r\n\r\n", "baris pertama kosong"),
    (b"id,nama,alamat\n1,a,b\n", "kolom wajib tidak ditemukan: id_keluarga"[:27]),
])
def test_unusable_files_fail_clearly_and_change_nothing(import_db, tmp_path, content, message):
    before = snapshot(import_db)
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message.replace(".", r"\.")):
        import_households(path, url=import_db)
    assert snapshot(import_db) == before


def test_missing_columns_message_lists_missing_and_found(import_db, tmp_path):
    path = tmp_path / "kurang.csv"
    path.write_text("Nomor KK;NIK;Nama KK;Kode Wilayah;Desil\n1;2;3;4;5\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as error:
        import_households(path, url=import_db)
    assert "latitude, longitude" in str(error.value) and "'Nomor KK'" in str(error.value)


def test_only_header_imports_nothing(import_db, tmp_path):
    path = tmp_path / "judul.csv"
    path.write_text(csv_text([]), encoding="utf-8")
    result = import_households(path, url=import_db)
    assert (result.rows, result.inserted, result.rejected, result.changes) == (0, 0, 0, 0)


def test_mapping_file_for_unknown_headers(import_db, places, tmp_path):
    a = places["a"]
    row = household(70, a)
    names = {"id_keluarga": "No Register", "latitude": "Koord Y", "longitude": "Koord X"}
    path = tmp_path / "lain.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([names.get(c, c) for c in row])
        writer.writerow(row.values())
    mapping = tmp_path / "pemetaan.json"
    mapping.write_text(json.dumps({v: k for k, v in names.items()}), encoding="utf-8")
    result = import_households(path, url=import_db, mapping=mapping)
    assert (result.inserted, result.rejected) == (1, 0)
    assert _rows(import_db, "KK00070")["KK00070"][1] == "gps"


def test_upsert_counts_dry_run_mark_inactive_and_history(scratch_db, tmp_path):
    places = villages(scratch_db)
    rows = [household(100 + i, places["a" if i % 2 else "b"]) for i in range(40)]
    path = tmp_path / "dtks.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    assert import_households(path, user="operator", url=scratch_db).inserted == 40
    again = import_households(path, url=scratch_db)
    assert (again.changes, again.unchanged) == (0, 40)

    rows[3]["desil"] = "5"
    rows[10]["nama_kepala"] = "Nama Baru"
    rows[20]["latitude"], rows[20]["longitude"] = "", ""
    path.write_text(csv_text(rows), encoding="utf-8")
    before = snapshot(scratch_db)
    trial = import_households(path, url=scratch_db, dry_run=True)
    assert (trial.updated, trial.inserted, trial.dry_run) == (3, 0, True)
    after_trial = snapshot(scratch_db)
    assert after_trial[:3] == before[:3] and after_trial[3] == before[3] + 1   # only the history grew
    assert after_trial[5] == before[5]                                          # and no work table is left
    changed = import_households(path, url=scratch_db)
    assert (changed.updated, changed.inserted, changed.unchanged) == (3, 0, 37)

    path.write_text(csv_text(rows[:-2]), encoding="utf-8")
    partial = import_households(path, url=scratch_db, mark_inactive=True)
    assert (partial.deactivated, partial.changes) == (2, 2)
    with psycopg.connect(scratch_db) as conn:
        assert conn.execute("SELECT count(*), count(*) FILTER (WHERE NOT aktif) FROM rumah_tangga").fetchone() == (40, 2)
        history = conn.execute("SELECT nama_file, length(sha256), oleh, status, jumlah->>'ditambah', "
                               "jumlah->>'diubah' FROM impor ORDER BY id").fetchall()
    assert history[0] == ("dtks.csv", 64, "operator", "selesai", "40", "0")
    assert [h[3] for h in history] == ["selesai", "selesai", "uji_coba", "selesai", "selesai"]


def test_nik_of_a_stored_household_the_file_does_not_list_is_nik_ganda(scratch_db, tmp_path):
    places = villages(scratch_db)
    path = tmp_path / "dtks.csv"
    path.write_text(csv_text([household(500, places["a"]), household(501, places["b"])]), encoding="utf-8")
    assert import_households(path, url=scratch_db).inserted == 2

    taken = household(502, places["a"], nik_kepala=household(500, places["a"])["nik_kepala"])
    path.write_text(csv_text([taken]), encoding="utf-8")
    second = import_households(path, url=scratch_db)
    assert (second.inserted, second.rejected, second.reasons) == (0, 1, {"nik_ganda": 1})
    header, rejected, _ = rejects(second.import_id, scratch_db)
    assert "sudah terdaftar pada kepala keluarga KK00500" in rejected[0][header.index("keterangan")]

    # KK00500 comes along with a new NIK: its old one is free for KK00502 in the same file
    moved = household(500, places["a"], nik_kepala="1804049999000500")
    path.write_text(csv_text([moved, taken]), encoding="utf-8")
    third = import_households(path, url=scratch_db)
    assert (third.inserted, third.updated, third.rejected) == (1, 1, 0)


def test_generator_dirty_file_every_planted_defect_found(scratch_db, sample_dir):
    truth = json.loads((sample_dir / "dirty_truth.json").read_text())["rows"]
    result = import_households(sample_dir / "households_dirty.csv", url=scratch_db)
    with psycopg.connect(scratch_db) as conn:
        found = {row: (rejected, reasons) for row, rejected, reasons in conn.execute(
            "SELECT urutan, ditolak, alasan FROM impor_tolak WHERE impor_id = %s", (result.import_id,))}
        landed = dict(conn.execute("SELECT id_keluarga, kualitas_lokasi FROM rumah_tangga"))
    expected_rejects = {t["row"] for t in truth if t["outcome"] == "ditolak"}
    assert {row for row, (rejected, _) in found.items() if rejected} == expected_rejects
    for entry in truth:
        rejected, reasons = found.get(entry["row"], (False, []))
        if entry["outcome"] == "ditolak":
            assert entry["reason"] in reasons, entry
        elif entry["outcome"] == "dikosongkan":   # kept, the attribute empty, with a warning
            assert not rejected and reasons == [entry["reason"]] and entry["id_keluarga"] in landed, entry
        elif entry["outcome"] == "diperbaiki":
            assert reasons == ["koordinat_tertukar"] and landed[entry["id_keluarga"]] == "gps_diperbaiki", entry
        elif entry["outcome"] == "ditandai":
            assert reasons == ["lokasi_meragukan"] and entry["id_keluarga"] in landed, entry
        else:  # valid variants (decimal comma, upper case, another office's spelling) are accepted silently
            assert entry["row"] not in found and entry["id_keluarga"] in landed, entry
    assert result.rejected == len(expected_rejects)
    assert result.inserted == result.rows - result.rejected
    assert {t["reason"] for t in truth} >= {"id_kosong", "nik_tidak_valid", "kode_desa_tidak_dikenal",
                                            "kategori_tidak_valid", "desil_di_luar_rentang", "angka_tidak_valid",
                                            "koordinat_di_luar_indonesia", "koordinat_tertukar",
                                            "lokasi_meragukan", "id_ganda", "nik_ganda"}


def test_ragged_rows_and_blank_lines_are_read_row_by_row(import_db, places, tmp_path):
    a = places["a"]
    path = tmp_path / "tidak_rata.csv"
    path.write_text(csv_text([household(80, a)]) + "\r\n" + "KK00081,1804041234000081,Tono\r\n", encoding="utf-8")
    result = import_households(path, url=import_db)
    assert (result.rows, result.inserted, result.rejected) == (2, 1, 1)
    assert any("dibaca ulang per baris" in note for note in result.notes)
    by_row, _, _ = _reasons_by_row(result.import_id, import_db)
    assert by_row == {4: ["kode_desa_tidak_dikenal"]}   # line 4 (after the blank line 3) lacks its cells


def test_the_village_reason_is_one_rule_for_every_importer(import_db):
    """Households, facilities, children, village counts and recipient lists refuse a village with
    the same words (sasaran_alasan_desa), and only when the boundaries do not know it."""
    with psycopg.connect(import_db) as conn:
        reasons = conn.execute(
            "SELECT sasaran_alasan_desa(true, '18.04.04.2002', '1804042002'), sasaran_alasan_desa(NULL, NULL, NULL), "
            "sasaran_alasan_desa(false, NULL, 'Sukajaya'), sasaran_alasan_desa(false, '18.99.99.9999', '1899999999')"
        ).fetchone()
    assert reasons == (None, None, "kode_desa 'Sukajaya' bukan kode Kemendagri (contoh 18.04.04.2002 atau 1804042002)",
                       "kode_desa 18.99.99.9999 tidak ada dalam batas desa yang dimuat")
    for query in ("importer/households_check", "importer/facilities_check", "growth/measurements_check",
                  "growth/counts_check", "targeting/recipients_check"):
        text = (Path(__file__).resolve().parents[1] / "sql" / "queries" / f"{query}.sql").read_text()
        assert "sasaran_alasan_desa(" in text and "bukan kode Kemendagri" not in text, query
