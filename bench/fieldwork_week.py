"""Perkim's week over HTTP (issue #19): a programme of 150 houses taken from selection to
``ditetapkan`` in the steps a Perkim user now makes (add every filtered candidate, download the field
form, upload the filled form and read the preview, apply it, move the verified houses on in one bulk
step), each timed; beside them one household moved by its own form with the page reload that
follows it, the only way before (3 steps x 150 houses = 450 such submits). Sasaran runs under
gunicorn as in production; every figure comes with the load average.

    DATABASE_URL=$(./sasaran db) .venv/bin/python -m bench.fieldwork_week

The programmes it creates are deleted at the end, with their selections and history.
"""
import argparse
import datetime
import os
import statistics
import time

import psycopg

from bench.web import session, start_sasaran
from spatial.settings import database_url
from spatial.selection import programs
from tests.fieldform_helpers import fill, ids_in
from tests.selection_helpers import drop_programs

UNIT = 20_000_000
OLD_SUBMITS_PER_HOUSE = 3   # usulan -> terverifikasi -> ditetapkan, plus the form typed in for each


def load() -> str:
    """The 1-minute load average, for every printed figure (the machine may be shared)."""
    return f"{os.getloadavg()[0]:.1f}"


def new_programme(url: str, name: str, houses: int) -> int:
    with psycopg.connect(url) as conn:
        program_id = programs.create_program(conn, {"nama": name, "tahun": 2027, "sumber": "APBN",
                                                    "biaya_satuan": UNIT, "anggaran": houses * UNIT}, "bench")
        conn.commit()
    return program_id


def timed(label: str, figures: list, send):
    """Run ``send()`` (one request), check it succeeded, keep its milliseconds under ``label``."""
    started = time.perf_counter()
    answer = send()
    answer.raise_for_status()
    figures.append((label, (time.perf_counter() - started) * 1000))
    return answer


def week(web, base: str, program_id: int, houses: int, runs: int) -> tuple[list, list]:
    """The week's steps for one programme: [(step, ms)], and the ms of ``runs`` households moved
    one by one (the rest move in the bulk step)."""
    figures: list = []
    added = timed(f"tambah semua yang tersaring ({houses} rumah)", figures,
                  lambda: web.post(f"{base}/api/seleksi/{program_id}/tambah", json={"semua": {}})).json()
    assert len(added["ditambah"]) == houses, len(added["ditambah"])
    form = timed("unduh formulir lapangan", figures,
                 lambda: web.get(f"{base}/seleksi/{program_id}/formulir-lapangan.xlsx")).content
    ids = ids_in(form)
    answers = {i: {"Layak (ya/tidak)": "ya", "Petugas": "Bench", "Tanggal kunjungan": datetime.date.today()}
               for i in ids}
    answers[ids[0]]["Koreksi luas lantai (m²)"] = "24,5"
    filled = fill(form, answers)
    preview = timed("unggah formulir terisi + pratinjau", figures, lambda: web.post(
        f"{base}/seleksi/{program_id}/lapangan", files={"berkas": ("formulir.xlsx", filled)}))
    upload_id = int(preview.url.rsplit("/", 1)[1])   # redirected to /seleksi/<id>/lapangan/<upload>
    timed("terapkan (satu transaksi)", figures,
          lambda: web.post(f"{base}/seleksi/{program_id}/lapangan/{upload_id}/terapkan"))
    single = one_by_one(web, base, program_id, ids[:runs])
    moved = timed(f"langkah massal ke ditetapkan ({houses - runs} rumah)", figures, lambda: web.post(
        f"{base}/api/seleksi/{program_id}/langkah",
        json={"ke": "ditetapkan", "semua": {"status": "terverifikasi"}, "alasan": "SK bench"})).json()
    assert len(moved["diubah"]) == houses - runs and not moved["gagal"], (len(moved["diubah"]), moved["gagal"][:3])
    return figures, single


def one_by_one(web, base: str, program_id: int, seleksi_ids: list[int]) -> list[float]:
    """Ms of each household's step (terverifikasi -> ditetapkan) by its own form, with the list page
    of the programme the answer redirects to (the way before: one form and one page per step)."""
    spent = []
    for seleksi_id in seleksi_ids:
        started = time.perf_counter()
        web.post(f"{base}/seleksi/{program_id}/seleksi/{seleksi_id}/status",
                 data={"ke": "ditetapkan", "alasan": "SK bench"}).raise_for_status()
        spent.append((time.perf_counter() - started) * 1000)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_DATABASE_URL") or database_url())
    parser.add_argument("--houses", type=int, default=150)
    parser.add_argument("--runs", type=int, default=5, help="households moved one by one (the old way) before the bulk step")
    args = parser.parse_args()
    from spatial.users import create_demo_users

    create_demo_users(args.db)
    stamp = datetime.datetime.now().strftime("%H%M%S")
    week_id = new_programme(args.db, f"Bench pekan {stamp}", args.houses)
    server = start_sasaran(args.db)
    try:
        web = session(server, "perkim")
        web.get(f"{server.base}/seleksi/{week_id}/daftar")          # warm the app
        figures, single = week(web, server.base, week_id, args.houses, args.runs)
    finally:
        server.stop()
        drop_programs(args.db, [week_id])
    total = sum(ms for _, ms in figures)
    for label, ms in figures:
        print(f"  {label}: {ms:,.0f} ms; beban {load()}")
    print(f"pekan {args.houses} rumah: {len(figures)} permintaan, {total / 1000:,.1f} s di server; beban {load()}")
    median = statistics.median(single)
    print(f"satu rumah per formulir (+ daftar {args.houses} rumah dimuat ulang): median {median:,.0f} ms; "
          f"{OLD_SUBMITS_PER_HOUSE * args.houses} kali = {OLD_SUBMITS_PER_HOUSE * args.houses * median / 60000:,.1f} menit "
          f"menunggu; beban {load()}")


if __name__ == "__main__":
    main()
