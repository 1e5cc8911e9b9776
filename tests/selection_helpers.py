"""Helpers of the selection tests (#6): programmes created on the main test database and removed
again afterwards (selections first, past the trigger that protects decided ones)."""
import psycopg

from spatial.selection import programs

UNIT = 20_000_000


def new_program(url: str, name: str, units: int = 30, quotas: dict | None = None, **fields) -> int:
    """Create an active programme with room for ``units`` houses; returns its id."""
    data = {"nama": name, "tahun": 2027, "sumber": "APBN", "biaya_satuan": UNIT, "anggaran": units * UNIT,
            "kuota": quotas or {}, **fields}
    with psycopg.connect(url) as conn:
        return programs.create_program(conn, data, "uji")


def drop_programs(url: str, ids) -> None:
    """Delete programmes with their selections, quotas and history."""
    ids = list(ids)
    if not ids:
        return
    with psycopg.connect(url) as conn:
        conn.execute("ALTER TABLE seleksi DISABLE TRIGGER seleksi_sebelum_ubah")
        conn.execute("ALTER TABLE seleksi DISABLE TRIGGER seleksi_catat_riwayat")
        conn.execute("DELETE FROM seleksi WHERE program_id = ANY(%s)", (ids,))
        conn.execute("ALTER TABLE seleksi ENABLE TRIGGER seleksi_sebelum_ubah")
        conn.execute("ALTER TABLE seleksi ENABLE TRIGGER seleksi_catat_riwayat")
        conn.execute("DELETE FROM seleksi_riwayat WHERE program_id = ANY(%s)", (ids,))
        conn.execute("DELETE FROM program WHERE id = ANY(%s)", (ids,))


def program(conn, program_id: int) -> dict:
    """The programme with totals (fresh read)."""
    return programs.get_program(conn, program_id)
