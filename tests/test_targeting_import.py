"""Issue #24: recipient lists through the shared importer, matched by family id, NIK, then name +
village; a name match is always flagged, and never merges two different NIKs silently."""
import csv

import psycopg
import pytest

from import_helpers import csv_text, household, villages
from spatial.importer.columns import RECIPIENT_COLUMNS
from spatial.importer.registry import import_households
from spatial.targeting.matching import review
from spatial.targeting.recipients import import_recipients, rematch

NIK = "18040412345600{:02d}"


@pytest.fixture(scope="module")
def registry(module_scratch_db, tmp_path_factory):
    """Households of two villages: names that look alike on purpose."""
    places = villages(module_scratch_db)
    rows = [household(1, places["a"], nama_kepala="SITI AMINAH", nik_kepala=NIK.format(1)),
            household(2, places["a"], nama_kepala="BAMBANG SUPARMAN", nik_kepala=NIK.format(2)),
            household(3, places["a"], nama_kepala="AHMAD YUSUF", nik_kepala=NIK.format(3)),
            household(4, places["a"], nama_kepala="AHMAD YUSUF", nik_kepala=NIK.format(4)),
            household(5, places["a"], nama_kepala="DEWI LESTARI", nik_kepala=NIK.format(5)),
            household(6, places["b"], nama_kepala="JOKO SANTOSO", nik_kepala=NIK.format(6)),
            household(7, places["a"], nama_kepala="SRI WAHYUNI", nik_kepala=NIK.format(7))]
    path = tmp_path_factory.mktemp("rt") / "rt.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    assert import_households(path, url=module_scratch_db).inserted == 7
    return module_scratch_db, places


def _write(path, rows, columns=RECIPIENT_COLUMNS):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
    return path


def _matches(url, program):
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT p.nama_kepala, p.cara_cocok, r.id_keluarga, c.id_keluarga, p.tinjau, p.catatan_cocok, p.id "
            "FROM penerima_bantuan p LEFT JOIN rumah_tangga r ON (r.kode_prov, r.id) = (p.rt_prov, p.rt_id) "
            "LEFT JOIN rumah_tangga c ON (c.kode_prov, c.id) = (p.calon_prov, p.calon_id) "
            "WHERE p.program = %s", (program,)).fetchall()
    return {row[0]: row[1:] for row in rows}


def test_exact_nik_only_and_fuzzy_matches(registry, tmp_path):
    url, places = registry
    a, b = places["a"][0], places["b"][0]
    rows = [
        {"program": "PKH", "periode": "2026", "id_keluarga": "KK00001", "nik_kepala": NIK.format(1),
         "nama_kepala": "Siti Aminah", "kode_desa": a},                                       # family id
        {"program": "Program Keluarga Harapan", "periode": "2026", "nik_kepala": NIK.format(2),
         "nama_kepala": "Bambang S.", "kode_desa": a},                                         # NIK only
        {"program": "pkh", "periode": "2026", "nama_kepala": "Hj. Dewi Lestari", "kode_desa": a},  # name + village
        {"program": "pkh", "periode": "2026", "nama_kepala": "Sri Wahyuni", "nik_kepala": "1804049999990001",
         "kode_desa": a},                                                          # name alike, another NIK
        {"program": "pkh", "periode": "2026", "nama_kepala": "H. Achmad Yusuf", "kode_desa": a},  # two of that name
        {"program": "pkh", "periode": "2026", "nama_kepala": "Joko Santoso", "kode_desa": a},   # lives in b
        {"program": "pkh", "periode": "2026", "id_keluarga": "KK00006", "nik_kepala": "12345",
         "kode_desa": b, "nilai": "1.500.000"},                                   # bad NIK, found by id
        {"program": "pkh", "periode": "2026", "id_keluarga": "KK00001", "kode_desa": a},         # same family again
        {"program": "pkh", "periode": "2026", "nama_kepala": "X", "kode_desa": "99.99.99.9999"},  # unknown village
        {"program": "", "periode": "2026", "nama_kepala": "Tanpa Program", "kode_desa": a},       # no programme
    ]
    result = import_recipients(_write(tmp_path / "pkh.csv", rows), url=url)
    assert (result.inserted, result.rejected) == (7, 3), result.reasons
    assert result.details["cocok"] == {"id_keluarga": 2, "nik": 1, "nama_desa": 1, "nama_desa_ditahan": 2,
                                       "tidak_ditemukan": 1}, result.details
    assert result.reasons["kode_desa_tidak_dikenal"] == 1 and result.reasons["kategori_tidak_valid"] == 1
    assert result.reasons["id_ganda"] == 1 and result.reasons["nik_tidak_valid"] == 1
    found = _matches(url, "pkh")
    assert found["Siti Aminah"][:2] == ("id_keluarga", "KK00001")
    assert found["Bambang S."][:2] == ("nik", "KK00002")
    assert found["Hj. Dewi Lestari"][:4] == ("nama_desa", "KK00005", "KK00005", "perlu")   # linked, flagged
    # a name match never merges two different NIKs: proposed for review, not linked
    assert found["Sri Wahyuni"][:5] == ("nama_desa", None, "KK00007", "perlu", "nik_berbeda")
    assert found["H. Achmad Yusuf"][1] is None and "calon_tidak_unggul" in found["H. Achmad Yusuf"][4]
    assert found["Joko Santoso"][:3] == ("tidak_ditemukan", None, None)
    assert found[None][:2] == ("id_keluarga", "KK00006")

    again = import_recipients(_write(tmp_path / "pkh.csv", rows), url=url)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 7)

    # a reviewer links the held match; a re-match keeps the decision
    review_id = found["Sri Wahyuni"][5]
    with psycopg.connect(url) as conn:
        review(conn, review_id, "diterima", "tester")
    rematch(url)
    assert _matches(url, "pkh")["Sri Wahyuni"][:2] == ("nama_desa", "KK00007")


def test_programme_and_period_given_for_the_whole_file(registry, tmp_path):
    url, places = registry
    path = _write(tmp_path / "blt.csv", [{"nik_kepala": NIK.format(3), "kode_desa": places["a"][0]}],
                  columns=("nik_kepala", "kode_desa"))
    result = import_recipients(path, url=url, program="blt_dd", periode="2026-03", dry_run=True)
    assert result.inserted == 1 and result.dry_run
    assert _matches(url, "blt_dd") == {}
    result = import_recipients(path, url=url, program="blt_dd", periode="2026-03")
    assert _matches(url, "blt_dd")[None][:2] == ("nik", "KK00003")
    with pytest.raises(Exception, match="program"):
        import_recipients(path, url=url)


def test_a_list_spelled_by_another_office(registry, tmp_path):
    """A Kemensos-style XLSX: a title block above the header, headers of that office (NAMA KPM, NIK
    KPM, NO KK, KODE WILAYAH compact, JENIS BANTUAN, TAHAP, NOMINAL), programme names instead of
    codes, NIKs kept as text with an apostrophe and spaces, amounts written as rupiah ("600.000" is six
    hundred thousand, not 600)."""
    import openpyxl

    url, places = registry
    compact = places["a"][0].replace(".", "")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DAFTAR KPM PENERIMA BANSOS"])
    sheet.append(["Kabupaten Lampung Barat", None, "Dicetak 2026-03-01"])
    sheet.append([])
    sheet.append(["NO", "NAMA KPM", "NIK KPM", "NO KK", "KODE WILAYAH", "ALAMAT", "JENIS BANTUAN", "TAHAP", "NOMINAL"])
    sheet.append([1, "BAMBANG SUPARMAN", "'" + NIK.format(2), "", compact, "Dusun I", "Kartu Sembako", "2026 Tahap 1",
                  "Rp 600.000"])
    sheet.append([2, "SITI AMINAH", "1804 0412 3456 0001", "KK00001", compact, "", "SEMBAKO", "2026 Tahap 1",
                  "Rp600.000,00"])
    sheet.append([3, "DEWI LESTARI", "", "", compact, "", "Program Sembako", "2026 Tahap 1", "600.000"])
    sheet.append([4, "ORANG LAIN", "", "", compact, "", "Bantuan Kucing", "2026 Tahap 1", "600000"])
    path = tmp_path / "kpm_sembako_tahap1.xlsx"
    book.save(path)

    result = import_recipients(path, url=url)
    assert (result.inserted, result.rejected) == (3, 1), result.reasons
    assert result.reasons == {"kategori_tidak_valid": 1}, result.reasons  # an unknown programme name
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT nama_kepala, program, periode, nik_kepala, nilai, cara_cocok FROM penerima_bantuan "
                            "WHERE periode = '2026 Tahap 1' ORDER BY nama_kepala").fetchall()
    assert rows == [("BAMBANG SUPARMAN", "bpnt", "2026 Tahap 1", NIK.format(2), 600000, "nik"),
                    ("DEWI LESTARI", "bpnt", "2026 Tahap 1", None, 600000, "nama_desa"),
                    ("SITI AMINAH", "bpnt", "2026 Tahap 1", NIK.format(1), 600000, "id_keluarga")]
