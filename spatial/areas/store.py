"""Create, update and soft-delete priority areas; the trigger of migration 0007 keeps every version."""
from dataclasses import dataclass

from psycopg.rows import dict_row

from spatial.areas import JENIS_KAWASAN, N_, AreaError, clean_year
from spatial.areas.geometry import check_geometry
from spatial.sqlfiles import fetch_row, run


@dataclass
class AreaFields:
    """The attributes of an area as a planner enters them."""
    nama: str
    jenis: str = "lainnya"
    tahun: int | None = None
    catatan: str | None = None


def clean_fields(data: dict) -> AreaFields:
    """Check the form/JSON attributes: non-empty name, known kind, plausible year."""
    for name in ("nama", "jenis", "catatan"):
        if not isinstance(data.get(name) or "", str):
            raise AreaError(N_("%(nama)s harus berupa teks."), nama=name)
    nama = (data.get("nama") or "").strip()
    if not nama:
        raise AreaError(N_("Nama kawasan wajib diisi."))
    if len(nama) > 200:
        raise AreaError(N_("Nama kawasan terlalu panjang (maksimum 200 karakter)."))
    jenis = (data.get("jenis") or "lainnya").strip()
    if jenis not in JENIS_KAWASAN:
        raise AreaError(N_("Jenis kawasan tidak dikenal: %(jenis)s."), jenis=jenis)
    tahun = None if data.get("tahun") in (None, "") else clean_year(data["tahun"])
    catatan = (data.get("catatan") or "").strip() or None
    return AreaFields(nama, jenis, tahun, catatan)


def create_area(conn, data: dict, geometry, user: str, wilayah: str | None = None) -> dict:
    """Validate and insert an area (inside region ``wilayah`` when given); returns
    ``{"id", "diperbaiki", "alasan_perbaikan"}``."""
    fields = clean_fields(data)
    checked = check_geometry(conn, geometry, wilayah=wilayah)
    row = fetch_row(conn, "areas/insert", {
        **fields.__dict__, "geojson": checked.geojson, "diperbaiki": checked.repaired, "oleh": user})
    assert row is not None  # INSERT ... RETURNING
    return {"id": row[0], "diperbaiki": checked.repaired, "alasan_perbaikan": checked.reason}


def update_area(conn, area_id: int, data: dict, geometry, user: str, wilayah: str | None = None) -> dict | None:
    """Change attributes and, when ``geometry`` is given, the geometry; ``None`` if no live area
    (in region ``wilayah`` when given: the old and the new geometry must both lie in it)."""
    fields = clean_fields(data)
    checked = check_geometry(conn, geometry, wilayah=wilayah) if geometry is not None else None
    row = fetch_row(conn, "areas/update", {
        **fields.__dict__, "id": area_id, "oleh": user, "wilayah": wilayah,
        "geojson": checked.geojson if checked else None,
        "diperbaiki": checked.repaired if checked else False})
    if row is None:
        return None
    return {"id": row[0], "versi": row[1], "diperbaiki": bool(checked and checked.repaired),
            "alasan_perbaikan": checked.reason if checked else None}


def delete_area(conn, area_id: int, user: str, wilayah: str | None = None) -> bool:
    """Soft-delete a live area (in region ``wilayah`` when given); False when there is none."""
    return fetch_row(conn, "areas/delete", {"id": area_id, "oleh": user, "wilayah": wilayah}) is not None


def list_areas(conn, jenis: str | None = None, tahun: int | None = None, wilayah: str | None = None) -> list[dict]:
    """Live areas (sharing interior with region ``wilayah`` when given), newest first."""
    with conn.cursor(row_factory=dict_row) as cur:
        return run(cur, "areas/list", {"jenis": jenis, "tahun": tahun, "wilayah": wilayah}).fetchall()


def get_area(conn, area_id: int, wilayah: str | None = None) -> dict | None:
    """One area (also a deleted one: ``dihapus_pada`` is then set) with its GeoJSON geometry;
    None when there is none, or (with ``wilayah``) when it lies outside that region."""
    with conn.cursor(row_factory=dict_row) as cur:
        return run(cur, "areas/get", {"id": area_id, "wilayah": wilayah}).fetchone()


def area_history(conn, area_id: int) -> list[dict]:
    """Every version of an area, oldest first."""
    with conn.cursor(row_factory=dict_row) as cur:
        return run(cur, "areas/history", {"id": area_id}).fetchall()
