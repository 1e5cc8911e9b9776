"""Child growth import: a messy posyandu file with every reject and warning on its own row, WHO
z-scores and Permenkes classes stored, upsert and history, village counts, the village figures
per month, and nothing left behind by a failed import."""
import datetime as dt

import psycopg
import pytest

from import_helpers import csv_text
from spatial.codelists import CHILD_COLUMNS, VILLAGE_GROWTH_COLUMNS
from spatial.growth.imports import import_measurements, import_village_counts
from spatial.importer.report import history, rejects

TODAY = dt.date.today()
MEASURED = TODAY.replace(day=1) - dt.timedelta(days=40)  # last month or the one before


@pytest.fixture(scope="module")
def growth_db(module_scratch_db):
    """One scratch database (boundaries only) for this module's imports."""
    return module_scratch_db


@pytest.fixture(scope="module")
def village(growth_db):
    with psycopg.connect(growth_db) as conn:
        return conn.execute("SELECT kode_desa FROM desa ORDER BY kode_desa LIMIT 1").fetchone()[0]


def child(number: int, village: str, days_old: int = 400, **changes) -> dict:
    """A valid measurement row: a girl ``days_old`` days old at MEASURED, 9 kg, 75 cm lying."""
    born = MEASURED - dt.timedelta(days=days_old)
    row = {"id_anak": f"A{number:04d}", "nik_anak": f"18040450{number:08d}", "nama_anak": f"Anak {number}",
           "jenis_kelamin": "P", "tanggal_lahir": born.strftime("%d/%m/%Y"), "tanggal_ukur": MEASURED.isoformat(),
           "berat_kg": "9,0", "tinggi_cm": "75.0", "cara_ukur": "terlentang", "kode_desa": village.replace(".", ""),
           "posyandu": "Melati", "nik_ortu": f"18040412{number:08d}", "no_kk": f"KK{number:05d}"}
    row.update(changes)
    return row


def _write(tmp_path, name, rows, columns=CHILD_COLUMNS):
    path = tmp_path / name
    path.write_text(csv_text(rows, columns=columns), encoding="utf-8")
    return path


def _report(import_id, url):
    header, rejected, warned = rejects(import_id, url)
    line, reason = header.index("baris"), header.index("alasan")
    return ({r[line]: set(r[reason].split(";")) for r in rejected},
            {r[line]: set(r[reason].split(";")) for r in warned}, header, rejected + warned)


def test_messy_file_every_reject_and_warning(growth_db, village, tmp_path):
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    rows = [
        child(1, village),                                                        # 2 valid
        child(2, village, id_anak="", nik_anak="123"),                            # 3 id_kosong (+ nik warning)
        child(3, village, kode_desa="18.04.99.9999"),                             # 4 kode_desa_tidak_dikenal
        child(4, village, jenis_kelamin=""),                                      # 5 no sex
        child(5, village, jenis_kelamin="banci?"),                                # 6 unknown sex
        child(6, village, tanggal_lahir="31/02/2024"),                            # 7 tanggal_tidak_valid
        child(7, village, tanggal_ukur="kemarin"),                                # 8 tanggal_tidak_valid
        child(8, village, days_old=-5),                                           # 9 diukur_sebelum_lahir
        child(9, village, tanggal_ukur=future),                                   # 10 tanggal_di_masa_depan
        child(10, village, days_old=1900),                                        # 11 bukan_balita
        child(11, village, berat_kg="", tinggi_cm="x"),                           # 12 ukuran_kosong (+ angka)
        child(1, village, berat_kg="9,5"),                                        # 13 id_ganda (same child, day)
        child(13, village, tinggi_cm="0,75"),                                     # 14 metres -> 75 cm (kept)
        child(14, village, berat_kg="9000"),                                      # 15 grams -> 9 kg (kept)
        child(15, village, berat_kg="sembilan"),                                  # 16 angka_tidak_valid (kept)
        child(16, village, tinggi_cm="55"),                                       # 17 z TB/U < -6: flagged
        child(17, village, nik_ortu="1804", no_kk="12"),                          # 18 nik/kk invalid (kept)
        child(18, village, cara_ukur="jongkok"),                                  # 19 unknown position (kept)
        child(19, village, days_old=200, cara_ukur="berdiri", tinggi_cm="66"),    # 20 standing < 9 months
        child(20, village, jenis_kelamin="Laki-laki", cara_ukur="TB", days_old=900, tinggi_cm="82",
              berat_kg="10.5", tanggal_lahir=(MEASURED - dt.timedelta(days=900)).isoformat()),  # 21 valid
    ]
    result = import_measurements(_write(tmp_path, "posyandu.csv", rows), user="uji", url=growth_db)
    rejected, warned, header, _ = _report(result.import_id, growth_db)
    assert rejected == {
        3: {"id_kosong", "nik_tidak_valid"}, 4: {"kode_desa_tidak_dikenal"}, 5: {"kategori_tidak_valid"},
        6: {"kategori_tidak_valid"}, 7: {"tanggal_tidak_valid"}, 8: {"tanggal_tidak_valid"},
        9: {"diukur_sebelum_lahir"}, 10: {"tanggal_di_masa_depan"}, 11: {"bukan_balita"},
        12: {"ukuran_kosong", "angka_tidak_valid"}, 13: {"id_ganda"},
    }
    assert warned == {
        14: {"tinggi_bukan_cm"}, 15: {"berat_dalam_gram"}, 16: {"angka_tidak_valid"}, 17: {"z_tidak_wajar"},
        18: {"nik_tidak_valid"}, 19: {"kategori_tidak_valid"}, 20: {"posisi_tidak_wajar"},
    }
    assert (result.rows, result.rejected, result.warned, result.inserted) == (20, 11, 7, 9)
    assert header[:len(CHILD_COLUMNS)] == list(CHILD_COLUMNS)
    with psycopg.connect(growth_db) as conn:
        stored = {r[0]: r[1:] for r in conn.execute(
            "SELECT id_anak, jenis_kelamin, berat_kg, tinggi_cm, cara_ukur, nik_ortu, no_kk, z_tbu, flag_tbu, "
            "kelas_tbu, tinggi_koreksi, posisi_tidak_wajar FROM pengukuran_anak")}
    assert set(stored) == {"A0001", "A0013", "A0014", "A0015", "A0016", "A0017", "A0018", "A0019", "A0020"}
    assert stored["A0001"][:4] == ("P", 9.0, 75.0, "terlentang")         # the first row of the pair, not row 13
    assert stored["A0013"][2] == 75.0 and stored["A0014"][1] == 9.0       # converted units
    assert stored["A0015"][1] is None and stored["A0015"][2] == 75.0      # unreadable weight emptied
    assert stored["A0016"][7:9] == (True, None)                           # flagged: no class
    assert stored["A0016"][6] < -6
    assert stored["A0017"][4:6] == (None, "12")                          # KK kept as written (registry ids vary)
    assert stored["A0018"][3] is None                                     # unknown position emptied
    assert stored["A0019"][9:] == (66.0, True)                            # no +0.7 below 9 months
    assert stored["A0020"][:4] == ("L", 10.5, 82.0, "berdiri")
    assert stored["A0020"][8] == "pendek"                                 # 900 days, 82 cm: z between -3 and -2
    assert -3 <= stored["A0020"][6] < -2


def test_reimport_upserts_and_history(growth_db, village, tmp_path):
    rows = [child(101, village), child(102, village)]
    first = import_measurements(_write(tmp_path, "a.csv", rows), url=growth_db)
    assert (first.inserted, first.updated, first.unchanged) == (2, 0, 0)
    rows[1]["berat_kg"] = "8.1"
    again = import_measurements(_write(tmp_path, "a.csv", rows), url=growth_db)
    assert (again.inserted, again.updated, again.unchanged) == (0, 1, 1)
    dry = import_measurements(_write(tmp_path, "b.csv", [child(103, village)]), url=growth_db, dry_run=True)
    assert dry.inserted == 1 and dry.dry_run
    with psycopg.connect(growth_db) as conn:
        assert conn.execute("SELECT count(*) FROM pengukuran_anak WHERE id_anak = 'A0103'").fetchone()[0] == 0
    kinds = {(row["id"], row["jenis"], row["status"]) for row in history(growth_db, ["pengukuran_anak"])}
    assert {(first.import_id, "pengukuran_anak", "selesai"), (dry.import_id, "pengukuran_anak", "uji_coba")} <= kinds


def test_village_counts_and_figures_per_month(growth_db, village, tmp_path):
    with psycopg.connect(growth_db) as conn:
        other = conn.execute("SELECT kode_desa FROM desa WHERE kode_desa > %s ORDER BY kode_desa LIMIT 1",
                             (village,)).fetchone()[0]
    month = MEASURED.replace(day=1)
    rows = [
        {"kode_desa": other, "periode": month.strftime("%m/%Y"), "diukur": "40", "stunting": "12",
         "sangat_pendek": "3", "wasting": "", "balita": "55"},                              # 2 valid
        {"kode_desa": other, "periode": "Februari 2025", "diukur": "38", "stunting": "9",
         "sangat_pendek": "20", "wasting": "", "balita": ""},                               # 3 sangat_pendek > stunting: warning
        {"kode_desa": other, "periode": "2025-13", "diukur": "1", "stunting": "0"},        # 4 no month
        {"kode_desa": other, "periode": "2025-03", "diukur": "10", "stunting": "11"},      # 5 stunting > diukur
        {"kode_desa": village, "periode": month.isoformat(), "diukur": "30", "stunting": "10"},  # 6 overridden by records
        {"kode_desa": other, "periode": month.strftime("%Y-%m"), "diukur": "41", "stunting": "12"},  # 7 same month again
    ]
    result = import_village_counts(_write(tmp_path, "rekap.csv", rows, VILLAGE_GROWTH_COLUMNS), url=growth_db)
    rejected, warned, _, _ = _report(result.import_id, growth_db)
    assert rejected == {4: {"tanggal_tidak_valid"}, 5: {"angka_tidak_valid"}, 7: {"id_ganda"}}
    assert warned == {3: {"angka_tidak_valid"}}
    with psycopg.connect(growth_db) as conn:
        figures = {(r[0], r[1]): r[2:] for r in conn.execute(
            "SELECT kode_desa, periode, sumber, diukur, stunting, sangat_pendek, balita_posyandu FROM gizi_desa_periode")}
    assert figures[(other, month)] == ("agregat", 40, 12, 3, 55)
    assert figures[(other, dt.date(2025, 2, 1))] == ("agregat", 38, 9, None, None)
    # the village with child records that month keeps its own count, not the office's 30/10
    source, measured, stunted, _, books = figures[(village, month)]
    assert source == "pengukuran" and measured >= 3 and books >= measured


def test_failed_import_leaves_nothing(growth_db, village, tmp_path, monkeypatch):
    from spatial.growth import imports

    before = _counts(growth_db)

    def broken(rows):  # the power fails while the z-scores are written
        for _ in rows:
            raise RuntimeError("listrik padam")
        yield

    monkeypatch.setattr(imports, "_zscore_rows", broken)
    with pytest.raises(RuntimeError):
        import_measurements(_write(tmp_path, "c.csv", [child(201, village)]), url=growth_db)
    assert _counts(growth_db) == before


def _counts(url):
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT (SELECT count(*) FROM pengukuran_anak), (SELECT count(*) FROM gizi_desa_periode), "
            "(SELECT count(*) FROM impor), (SELECT count(*) FROM impor_tolak), "
            "(SELECT count(*) FROM pg_class WHERE relname LIKE 'imp\\_%%')").fetchone()


def test_scoped_user_cannot_write_outside_the_region(growth_db, tmp_path):
    with psycopg.connect(growth_db) as conn:
        inside, outside = (r[0] for r in conn.execute(
            "(SELECT kode_desa FROM desa WHERE kode_kec = '18.04.04' ORDER BY 1 LIMIT 1) UNION ALL "
            "(SELECT kode_desa FROM desa WHERE kode_kec = '18.04.05' ORDER BY 1 LIMIT 1)").fetchall())
    rows = [child(301, inside), child(302, outside)]
    result = import_measurements(_write(tmp_path, "d.csv", rows), url=growth_db, wilayah="18.04.04")
    rejected, _, _, _ = _report(result.import_id, growth_db)
    assert rejected == {3: {"di_luar_wilayah"}} and result.inserted == 1
    counts = [{"kode_desa": outside, "periode": "2025-05", "diukur": "10", "stunting": "2"}]
    result = import_village_counts(_write(tmp_path, "e.csv", counts, VILLAGE_GROWTH_COLUMNS), url=growth_db,
                                   wilayah="18.04.04")
    assert result.rejected == 1 and result.reasons == {"di_luar_wilayah": 1}


def test_a_required_value_mapped_to_kosong_rejects_the_row(growth_db, village, tmp_path):
    """A user who maps an unknown sex to "kosong" (unknown) gets the row rejected, not a server error:
    no z-score without the sex."""
    path = _write(tmp_path, "jk_x.csv", [child(61, village, jenis_kelamin="X"),
                                         child(62, village, jenis_kelamin="Laki2", cara_ukur="Duduk"),
                                         child(63, village, cara_ukur="Duduk")])  # sex written as an entry
    result = import_measurements(path, url=growth_db, values={"jenis_kelamin": {"X": "kosong", "Laki2": "laki-laki"},
                                                              "cara_ukur": {"Duduk": "kosong"}})
    rejected, warned, _header, rows = _report(result.import_id, growth_db)
    assert result.inserted == 2 and rejected == {2: {"kategori_tidak_valid"}}
    assert "jenis_kelamin 'X' dipetakan ke kosong" in next(r for r in rows if r[0] == "A0061")[-1]
    with psycopg.connect(growth_db) as conn:
        stored = conn.execute("SELECT jenis_kelamin, cara_ukur FROM pengukuran_anak WHERE id_anak = 'A0062'").fetchone()
    assert stored == ("L", None)


def test_dates_in_every_documented_form(growth_db):
    cells = {"2026-08-15": dt.date(2026, 8, 15), "2026/8/5 00:00:00": dt.date(2026, 8, 5),
             "15/08/2026": dt.date(2026, 8, 15), "08/15/2026": dt.date(2026, 8, 15), "5-8-26": dt.date(2026, 8, 5),
             "15.08.2026": dt.date(2026, 8, 15), " 15 Agustus 2026 ": dt.date(2026, 8, 15),
             "15-Agt-2026": dt.date(2026, 8, 15), "45519": dt.date(2024, 8, 15), "45519.0": dt.date(2024, 8, 15),
             "29/02/2024": dt.date(2024, 2, 29), "29/02/2023": None, "31/02/2024": None, "13/13/2020": None,
             "x": None, "": None, None: None}
    with psycopg.connect(growth_db) as conn:
        got = {cell: conn.execute("SELECT sasaran_tanggal(%s)", (cell,)).fetchone()[0] for cell in cells}
    assert got == cells
