"""Issue #16, findings 9 and 11: an XLSX decompression bomb is refused before any XML parser reads
it, with a clear message; personal data in uploads does not outlive its import job, and a job
whose process died (kill -9) is marked failed at the next start."""
import io
import os
import subprocess
import sys
import time
import re
import tracemalloc
import zipfile

import openpyxl
import psycopg
import pytest

from conftest import make_app
from spatial.importer.columns import HOUSEHOLDS, ImportFileError
from spatial import jobs
from spatial.importer.jobs import ORPHAN_MESSAGE
from spatial.importer.source import inspect
from spatial.codelists import HOUSEHOLD_COLUMNS


def _workbook(path, cell: str):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(HOUSEHOLD_COLUMNS))
    sheet.append(["KK1", "1804041234560001", cell])
    book.save(path)
    return path


def _bomb(path, size: int):
    """A valid workbook whose third cell of row 2 holds ``size`` letters (openpyxl itself would cut
    a cell to Excel's 32,767 characters, so the sheet is rewritten in the ZIP, as an attacker does)."""
    plain = _workbook(path.with_name("biasa.xlsx"), "SEL")
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<c r="C2"[^>]*>.*?</c>', b'<c r="C2" t="inlineStr"><is><t>' + b"a" * size
                              + b"</t></is></c>", data)
            bomb.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


@pytest.mark.parametrize("size", [200_000, 50_000_000])
def test_xlsx_bomb_is_refused_before_parsing(tmp_path, size):
    """Finding 9: a 400 KB file holding one 400 MB cell cost 1.8 GB of memory and showed an
    internal error. Here 50 MB of one letter (a 60 KB file) and a cell longer than Excel allows."""
    path = _bomb(tmp_path / "bom.xlsx", size)
    assert path.stat().st_size < 200_000
    tracemalloc.start()
    with pytest.raises(ImportFileError) as refused:
        inspect(path, HOUSEHOLDS, name="bom.xlsx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    message = str(refused.value)
    assert message.startswith("bom.xlsx: Buku kerja XLSX ditolak") and ("karakter" in message or "bom ZIP" in message)
    assert peak < 20 * 2**20, f"checking used {peak / 2**20:.0f} MB"


def test_ordinary_xlsx_still_passes(tmp_path):
    source = inspect(_workbook(tmp_path / "biasa.xlsx", "Siti Aminah"), HOUSEHOLDS, name="biasa.xlsx")
    assert source.kind == "xlsx"


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_orphaned_job_is_failed_and_its_upload_deleted_at_start(db_url, tmp_path):
    """Finding 11: after kill -9 mid-import the CSV (NIK, names, GPS) stayed in var/impor/ and the
    job page said "berjalan 75%" for ever."""
    folder = tmp_path / "impor"
    folder.mkdir()
    (folder / "dead01-dtks.csv").write_text("id_keluarga,nik_kepala\nKK1,1804041234560001\n")
    (folder / "live01-survei.csv").write_text("id_keluarga\nKK2\n")
    (folder / "lost01-tanpa-tugas.csv").write_text("id_keluarga\nKK3\n")  # saved, then the process died
    old = time.time() - 3600
    os.utime(folder / "lost01-tanpa-tugas.csv", (old, old))
    with psycopg.connect(db_url) as conn:
        dead = jobs.create(conn, "impor", "perkim", {"nama_file": "dtks.csv"}, berkas=str(folder / "dead01-dtks.csv"))
        live = jobs.create(conn, "impor", "perkim", {"nama_file": "survei.csv"}, berkas=str(folder / "live01-survei.csv"))
        conn.execute("UPDATE tugas SET pid = %s, persen = 75 WHERE id = %s", (_dead_pid(), dead))
    app = make_app(db_url, IMPORT_DIR=str(folder), WTF_CSRF_ENABLED=False)
    assert sorted(p.name for p in folder.iterdir()) == ["live01-survei.csv"]
    with psycopg.connect(db_url) as conn:
        states = {job_id: jobs.state(jobs.get(conn, job_id)) for job_id in (dead, live)}
    assert states[dead]["status"] == "gagal" and states[dead]["galat"] == ORPHAN_MESSAGE
    assert states[live]["status"] == "berjalan"
    admin = app.test_client()
    admin.post("/login", data={"username": "admin", "password": "demo-admin"})
    assert admin.get(f"/impor/tugas/{dead}/status").get_json()["status"] == "gagal"
    app.extensions["db_pool"].close()
    with psycopg.connect(db_url) as conn:  # the test's own live job ends here
        conn.execute("UPDATE tugas SET status = 'gagal' WHERE id = %s", (live,))


def test_finished_and_failed_jobs_leave_no_upload(db_url, tmp_path):
    folder = tmp_path / "impor"
    app = make_app(db_url, IMPORT_DIR=str(folder), WTF_CSRF_ENABLED=False)
    client = app.test_client()
    client.post("/login", data={"username": "perkim", "password": "demo-perkim"})
    header = ",".join(HOUSEHOLD_COLUMNS) + "\n"
    for body in (header + "KK9,123,x\n", header):  # a row that is rejected, and no rows at all
        answer = client.post("/impor/", data={"jenis": "rumah_tangga", "uji_coba": "1",
                                              "berkas": (io.BytesIO(body.encode()), "uji.csv")},
                             content_type="multipart/form-data")
        job = answer.headers["Location"].rstrip("/").split("/")[-1]
        for _ in range(300):
            if client.get(f"/impor/tugas/{job}/status").get_json()["status"] != "berjalan":
                break
            time.sleep(0.1)
    assert list(folder.iterdir()) == []
    app.extensions["db_pool"].close()
