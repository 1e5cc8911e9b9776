"""Bulk steps of the beneficiary workflow (issue #19): many households moved in one step with one
reason, each still checked by ``transition`` and recorded in the history, failures listed by family
id and name."""
import datetime
import itertools
import time

import pytest

from spatial.errors import InvalidInput
from spatial.selection import actions, bulk, candidates
from tests.selection_helpers import drop_programs, new_program, program

_names = itertools.count(1)
DAY = datetime.date(2027, 3, 1)


@pytest.fixture
def selected(db_url, conn):
    """A programme with six proposals: (program_id, [seleksi ids in score order], rows)."""
    program_id = new_program(db_url, f"Uji massal {next(_names)}-{time.time_ns()}", 10)
    rows = candidates.households(conn, program(conn, program_id))[:6]
    actions.add_households(conn, program_id, [(r["kode_prov"], r["id"]) for r in rows], "budi")
    conn.commit()
    ids = [conn.execute("SELECT id FROM seleksi WHERE program_id = %s AND rumah_tangga_id = %s",
                        (program_id, r["id"])).fetchone()[0] for r in rows]
    yield program_id, ids, rows
    conn.rollback()
    drop_programs(db_url, [program_id])


def _statuses(conn, ids):
    return dict(conn.execute("SELECT id, status FROM seleksi WHERE id = ANY(%s)", (ids,)).fetchall())


def test_one_step_for_many_each_checked_and_recorded(conn, selected):
    program_id, ids, rows = selected
    actions.transition(conn, program_id, ids[0], "ditolak", "budi", alasan="sudah pindah")
    result = bulk.step(conn, program_id, ids + [987654321], "terverifikasi", "sari", alasan="kunjungan 1 Maret",
                       verifikator="Sari", tanggal=DAY)
    conn.commit()
    assert [h["seleksi_id"] for h in result["diubah"]] == ids[1:]
    failed = {h["seleksi_id"]: h for h in result["gagal"]}
    assert set(failed) == {ids[0], 987654321}
    # the refused household is named by family id and head's name, with the reason in words
    assert failed[ids[0]]["id_keluarga"] == rows[0]["id_keluarga"]
    assert failed[ids[0]]["nama_kepala"] == rows[0]["nama_kepala"]
    assert "tidak diizinkan" in str(failed[ids[0]]["kesalahan"])
    assert failed[987654321]["id_keluarga"] is None
    assert set(_statuses(conn, ids).values()) == {"ditolak", "terverifikasi"}
    history = conn.execute("SELECT seleksi_id, alasan, oleh FROM seleksi_riwayat WHERE program_id = %s AND ke = "
                           "'terverifikasi'", (program_id,)).fetchall()
    assert sorted(h[0] for h in history) == sorted(ids[1:])
    assert {(h[1], h[2]) for h in history} == {("kunjungan 1 Maret", "sari")}
    assert result["program"]["per_status"]["terverifikasi"] == 5

    moved = bulk.step(conn, program_id, ids[1:], "ditetapkan", "kabid", alasan="SK Bupati 12/2027")
    conn.commit()
    assert len(moved["diubah"]) == 5 and not moved["gagal"]
    assert set(_statuses(conn, ids[1:]).values()) == {"ditetapkan"}


def test_an_incomplete_step_is_refused_before_anything_changes(conn, selected):
    program_id, ids, _rows = selected
    with pytest.raises(InvalidInput, match="Alasan"):
        bulk.step(conn, program_id, ids, "ditolak", "budi", alasan="  ")
    with pytest.raises(InvalidInput, match="verifikator"):
        bulk.step(conn, program_id, ids, "terverifikasi", "budi", tanggal=DAY)
    with pytest.raises(InvalidInput, match="tidak dikenal"):
        bulk.step(conn, program_id, ids, "usulan", "budi")
    assert set(_statuses(conn, ids).values()) == {"usulan"}


def test_removal_of_proposals_in_bulk_keeps_decided_ones(conn, selected):
    program_id, ids, rows = selected
    actions.transition(conn, program_id, ids[0], "terverifikasi", "budi", verifikator="Sari", tanggal=DAY)
    result = bulk.step(conn, program_id, ids[:3], bulk.REMOVE, "budi", alasan="dobel data")
    conn.commit()
    assert [h["seleksi_id"] for h in result["diubah"]] == ids[1:3]
    assert [h["id_keluarga"] for h in result["gagal"]] == [rows[0]["id_keluarga"]]
    assert "usulan" in str(result["gagal"][0]["kesalahan"])
    assert _statuses(conn, ids[:3]) == {ids[0]: "terverifikasi"}
    reasons = conn.execute("SELECT alasan FROM seleksi_riwayat WHERE program_id = %s AND ke = 'dihapus'",
                           (program_id,)).fetchall()
    assert reasons == [("dobel data",), ("dobel data",)]


def test_outside_the_users_region_fails_without_a_name(conn, selected):
    program_id, ids, rows = selected
    region = rows[0]["kode_kec"]
    inside = [i for i, r in zip(ids, rows) if r["kode_kec"] == region]
    outside = [i for i, r in zip(ids, rows) if r["kode_kec"] != region]
    assert outside, "the six best candidates all lie in one kecamatan: pick other households"
    result = bulk.step(conn, program_id, ids, "ditolak", "camat", alasan="uji", wilayah=region)
    conn.rollback()
    assert [h["seleksi_id"] for h in result["diubah"]] == inside
    assert [h["seleksi_id"] for h in result["gagal"]] == outside
    assert all(h["nama_kepala"] is None for h in result["gagal"])


def test_all_filtered_and_by_household(conn, selected):
    program_id, ids, rows = selected
    actions.transition(conn, program_id, ids[0], "terverifikasi", "budi", verifikator="Sari", tanggal=DAY)
    conn.commit()
    assert bulk.matching(conn, program_id, status="terverifikasi") == [ids[0]]
    village = rows[1]["kode_desa"]
    assert set(bulk.matching(conn, program_id, kode_desa=village)) == {
        i for i, r in zip(ids, rows) if r["kode_desa"] == village}
    pairs = [(r["kode_prov"], r["id"]) for r in rows[2:4]] + [("18", 987654321)]
    assert sorted(bulk.of_households(conn, program_id, pairs)) == sorted(ids[2:4])
