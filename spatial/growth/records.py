"""Children's growth records (personal health data of children): the children of a village and one
child's measurements. Only for roles that may see them (spatial.privacy.child_records_allowed);
the web layer checks the role and records every view in the audit log."""
from typing import Any

from spatial.errors import N_, NotFound
from spatial.sqlfiles import Connection, fetch_all


def village_children(conn: Connection, kode_desa: str, wilayah: str | None) -> list[dict[str, Any]]:
    """The children measured in ``kode_desa`` (each once, its latest measurement there)."""
    return fetch_all(conn, "growth/village_children", {"kode_desa": kode_desa, "wilayah": wilayah})


def child_history(conn: Connection, measurement_id: int, wilayah: str | None) -> list[dict[str, Any]]:
    """Every measurement of the child of measurement ``measurement_id``, oldest first; NotFound when
    there is none in ``wilayah``."""
    rows = fetch_all(conn, "growth/child_history", {"id": measurement_id, "wilayah": wilayah})
    if not rows:
        raise NotFound(N_("Data anak tidak ditemukan."))
    return rows


def villages_geometry(conn: Connection, wilayah: str | None) -> dict[str, str]:
    """``{kode_desa: GeoJSON geometry text}`` of the villages of ``wilayah``."""
    return {row["kode_desa"]: row["geometry"] for row in fetch_all(conn, "growth/villages_geometry",
                                                                  {"wilayah": wilayah})}
