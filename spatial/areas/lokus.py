"""Lokus villages per year, decided per kabupaten: the proposal (the villages of each kabupaten
ranked within it by desil-1 households, stunting lokus first; stunting lokus by evidence,
spatial.growth.lokus; its top ``PROPOSED`` pre-ticked while the kabupaten has fixed none) and the
planner's saved choice."""
import re

from psycopg.rows import dict_row

from spatial import scope
from spatial.areas import JENIS_LOKUS, N_, AreaError, clean_year
from spatial.growth import lokus as growth_lokus
from spatial.sqlfiles import run

KODE_DESA = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
PROPOSED = 10  # villages pre-ticked per kabupaten while it has fixed none


def _check(tahun, jenis) -> int:
    if jenis not in JENIS_LOKUS:
        raise AreaError(N_("Jenis lokus tidak dikenal: %(jenis)s."), jenis=jenis)
    return clean_year(tahun)


def proposal(conn, tahun: int, jenis: str, wilayah: str | None = None, full: bool = False) -> list[dict]:
    """Every village (in ``wilayah`` when given) ranked within its kabupaten for lokus of ``jenis``
    in ``tahun``: ``ditetapkan`` tells which are already fixed, ``dicentang`` which the page ticks
    (the fixed ones, or in a kabupaten that has fixed none its top ``PROPOSED``; for stunting the
    villages its evidence proposes). Stunting lokus are ranked by evidence (spatial.growth.lokus:
    ``bukti``, ``bukti_teks``, ``usul``); ``full``: the user may see unsuppressed child figures in
    those texts."""
    tahun = _check(tahun, jenis)
    with conn.cursor(row_factory=dict_row) as cur:
        rows = run(cur, "areas/lokus_proposal", {"tahun": tahun, "jenis": jenis, "wilayah": wilayah}).fetchall()
    if jenis == "stunting":  # by evidence: measured prevalence where there is any, the proxy elsewhere
        found, _month = growth_lokus.evidence(conn, tahun, wilayah, full)
        rows = growth_lokus.rank(rows, found)
    for row in rows:
        proposed = row["usul"] if "usul" in row else row["peringkat"] <= PROPOSED
        row["dicentang"] = row["ditetapkan"] if row["kabupaten_ditetapkan"] else proposed
    return rows


def save_lokus(conn, tahun: int, jenis: str, villages: list[dict], user: str, wilayah: str | None = None) -> int:
    """Replace the lokus of ``jenis`` in ``tahun`` (within ``wilayah``) by ``villages``
    (``[{"kode_desa", "alasan"}]``) in one transaction; returns how many were saved."""
    tahun = _check(tahun, jenis)
    codes = set()
    for village in villages:
        code = (village.get("kode_desa") or "").strip()
        if not KODE_DESA.match(code):
            raise AreaError(N_("Kode desa tidak sah: %(kode)s."), kode=repr(code))
        scope.require(wilayah, code, f"Desa {code}")
        codes.add(code)
    with conn.transaction():
        run(conn, "areas/lokus_clear", {"tahun": tahun, "jenis": jenis, "wilayah": wilayah})
        for village in villages:
            run(conn, "areas/lokus_insert", {
                "tahun": tahun, "jenis": jenis, "kode_desa": village["kode_desa"].strip(),
                "alasan": (village.get("alasan") or "").strip() or None, "oleh": user})
    return len(codes)


def lokus_list(conn, tahun: int, jenis: str | None = None, wilayah: str | None = None) -> list[dict]:
    """Lokus villages fixed for ``tahun`` (all kinds, or one) in ``wilayah`` (None = everywhere)."""
    with conn.cursor(row_factory=dict_row) as cur:
        return run(cur, "areas/lokus_list", {"tahun": int(tahun), "jenis": jenis, "wilayah": wilayah}).fetchall()
