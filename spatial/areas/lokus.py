"""Lokus villages per year: the proposal (villages ranked by desil-1 households, stunting lokus
first) and the planner's saved choice."""
import re

from psycopg.rows import dict_row

from spatial import scope
from spatial.areas import JENIS_LOKUS, AreaError, clean_year
from spatial.sqlfiles import run

KODE_DESA = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")


def _check(tahun, jenis) -> int:
    if jenis not in JENIS_LOKUS:
        raise AreaError(f"Jenis lokus tidak dikenal: {jenis}.")
    return clean_year(tahun)


def proposal(conn, tahun: int, jenis: str, wilayah: str | None = None) -> list[dict]:
    """Every village (in ``wilayah`` when given) ranked for lokus of ``jenis`` in ``tahun``, with
    ``ditetapkan`` telling which are already fixed."""
    tahun = _check(tahun, jenis)
    with conn.cursor(row_factory=dict_row) as cur:
        return run(cur, "areas/lokus_proposal",
                           {"tahun": tahun, "jenis": jenis, "wilayah": wilayah}).fetchall()


def save_lokus(conn, tahun: int, jenis: str, villages: list[dict], user: str, wilayah: str | None = None) -> int:
    """Replace the lokus of ``jenis`` in ``tahun`` (within ``wilayah``) by ``villages``
    (``[{"kode_desa", "alasan"}]``) in one transaction; returns how many were saved."""
    tahun = _check(tahun, jenis)
    codes = set()
    for village in villages:
        code = (village.get("kode_desa") or "").strip()
        if not KODE_DESA.match(code):
            raise AreaError(f"Kode desa tidak sah: {code!r}.")
        scope.require(wilayah, code, f"Desa {code}")
        codes.add(code)
    with conn.transaction():
        run(conn, "areas/lokus_clear", {"tahun": tahun, "jenis": jenis, "wilayah": wilayah})
        for village in villages:
            run(conn, "areas/lokus_insert", {
                "tahun": tahun, "jenis": jenis, "kode_desa": village["kode_desa"].strip(),
                "alasan": (village.get("alasan") or "").strip() or None, "oleh": user})
    return len(codes)


def lokus_list(conn, tahun: int, jenis: str | None = None) -> list[dict]:
    """Lokus villages fixed for ``tahun`` (all kinds, or one)."""
    with conn.cursor(row_factory=dict_row) as cur:
        return run(cur, "areas/lokus_list", {"tahun": int(tahun), "jenis": jenis}).fetchall()
