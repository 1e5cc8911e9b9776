"""All-or-nothing: an import killed with SIGKILL mid-way leaves the database exactly as before;
facility import with its own checks."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from conftest import TEST_URL, _name, _with_name, recreate_database
from import_helpers import csv_text, household, snapshot, villages
from spatial.importer.report import rejects
from spatial.importer.registry import import_facilities, import_households

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def atomic_db(template_db_url):
    """One scratch database (boundaries only) for this module."""
    url = recreate_database(_with_name(TEST_URL, _name(TEST_URL) + "_impatom"), template=_name(template_db_url))
    yield url
    recreate_database(url)
# Runs an import and stops (without committing) at the requested phase, announcing it on stdout.
KILLED_IMPORT = """
import signal, sys
from spatial.importer.registry import import_households
stop_phase, stop_done = sys.argv[3], int(sys.argv[4])
def progress(phase, done, total):
    if phase == stop_phase and done >= stop_done:
        print("BERHENTI", flush=True)
        signal.pause()  # parked mid-import until the test kills it
import_households(sys.argv[1], url=sys.argv[2], progress=progress)
"""


@pytest.mark.parametrize("phase, done", [("membaca", 1), ("menyimpan", 1)], ids=["during-copy", "before-commit"])
def test_import_killed_mid_way_changes_nothing(atomic_db, tmp_path, phase, done):
    scratch_db = atomic_db
    places = villages(scratch_db)
    first = 0 if phase == "membaca" else 10000       # each case its own households
    rows = [household(first + i, places["a"]) for i in range(300)]
    path = tmp_path / "awal.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    import_households(path, url=scratch_db)
    before = snapshot(scratch_db)

    for row in rows[:50]:
        row["desil"] = "9"
    rows += [household(first + 1000 + i, places["b"]) for i in range(200)]
    path.write_text(csv_text(rows), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(path), scratch_db, phase, str(done)],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "BERHENTI"
        if phase == "menyimpan":  # every row is written inside the open transaction at this point
            with psycopg.connect(scratch_db) as conn:
                assert conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                    "AND state = 'idle in transaction'").fetchone()[0] == 1
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert snapshot(scratch_db) == before
    again = import_households(path, url=scratch_db)           # and the database still works
    assert (again.inserted, again.updated) == (200, 50)


def test_facilities_checked_located_and_upserted(atomic_db, tmp_path):
    scratch_db = atomic_db
    places = villages(scratch_db)
    (code, lat, lon), far = places["a"], places["far"]
    lines = [
        "ID_Fasilitas;Jenis;Nama;Kode Wilayah;Lat;Lng;Kondisi;Kapasitas",
        f"F1;sumur_bor;Sumur Pekon;{code};{lat:.6f};{lon:.6f};baik;120",
        f"F2;Posyandu;Posyandu Melati;{code};{lat:.6f};{lon:.6f};Rusak Ringan;",
        f"F3;sumur bor;Sumur Salah;{code};{lat:.6f};{lon:.6f};baik;",
        f"F4;spam;SPAM Desa;{code};{lat:.6f};{lon:.6f};rusak;",
        f"F5;mck_komunal;MCK;{code};;;baik;",
        f"F1;spam;Ganda;{code};{lat:.6f};{lon:.6f};baik;",
        f"F6;puskesmas;Puskesmas Jauh;{code};{far[1]:.6f};{far[2]:.6f};baik;abc",
        f"F7;pustu;Pustu Tertukar;{code};{lon:.6f};{lat:.6f};tidak berfungsi;",
    ]
    path = tmp_path / "fasilitas.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_facilities(path, url=scratch_db)
    header, rejected, warned = rejects(result.import_id, scratch_db)
    reasons = {row[0]: row[-2] for row in rejected + warned}
    # "sumur bor" is sumur_bor; "rusak" says neither rusak ringan nor berat: kept, kondisi unknown
    assert reasons == {"F4": "kategori_tidak_valid", "F5": "koordinat_tidak_lengkap",
                       "F1": "id_ganda", "F6": "angka_tidak_valid;lokasi_meragukan", "F7": "koordinat_tertukar"}
    assert {r[0] for r in rejected} == {"F5", "F1"}
    assert "kondisi 'rusak' tidak dikenal" in next(r for r in warned if r[0] == "F4")[-1]
    with psycopg.connect(scratch_db) as conn:
        got = dict((r[0], r[1:]) for r in conn.execute(
            "SELECT id_fasilitas, jenis, kondisi, berfungsi, kode_desa FROM fasilitas ORDER BY 1"))
    assert got == {"F1": ("sumur_bor", "baik", True, code), "F2": ("posyandu", "rusak ringan", True, code),
                   "F3": ("sumur_bor", "baik", True, code), "F4": ("spam", None, None, code),
                   "F6": ("puskesmas", "baik", True, far[0]), "F7": ("pustu", "tidak berfungsi", False, code)}
    assert import_facilities(path, url=scratch_db).changes == 0


def test_a_facility_kind_mapped_to_kosong_rejects_the_row(atomic_db, tmp_path):
    """jenis is required: mapped to "kosong" by the user, the row is rejected with its reason."""
    code, lat, lon = villages(atomic_db)["a"]
    path = tmp_path / "fasilitas_kosong.csv"
    path.write_text("ID_Fasilitas;Jenis;Nama;Kode Wilayah;Lat;Lng;Kondisi;Kapasitas\n"
                    f"K1;Sumur X;Sumur Tua;{code};{lat:.6f};{lon:.6f};baik;\n"
                    f"K2;sumur bor;Sumur Baru;{code};{lat:.6f};{lon:.6f};baik;\n", encoding="utf-8")
    result = import_facilities(path, url=atomic_db, values={"jenis": {"Sumur X": "kosong"}})
    _header, rejected, _warned = rejects(result.import_id, atomic_db)
    assert result.inserted == 1 and [(r[0], r[-2]) for r in rejected] == [("K1", "kategori_tidak_valid")]
