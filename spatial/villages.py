"""One village for its profile page (Profil Desa): the village with its outline and figures, the
distributions shown as charts, the poverty pockets that hold its households, and (for roles that
see personal data) its priority households."""
from typing import Any

from spatial.sqlfiles import Connection, fetch_all, fetch_one


def profile(conn: Connection, kode_desa: str) -> dict[str, Any] | None:
    """The village (name, kecamatan, area, outline GeoJSON, extent ``xmin``..``ymax``, date of the data), None when unknown."""
    return fetch_one(conn, "villages/profile", {"kode_desa": kode_desa})


def distributions(conn: Connection, kode_desa: str) -> list[dict[str, Any]]:
    """Household counts per category of each charted dimension (``dimensi``, ``kategori``, ``jumlah``)."""
    return fetch_all(conn, "villages/distribution", {"kode_desa": kode_desa})


def priority_households(conn: Connection, kode_desa: str, limit: int) -> list[dict[str, Any]]:
    """The village's households with the highest RTLH priority score (personal data: callers check
    the role and record the view)."""
    return fetch_all(conn, "villages/priority_households", {"kode_desa": kode_desa, "limit": limit})


def incomplete_households(conn: Connection, kode_desa: str, limit: int) -> list[dict[str, Any]]:
    """The village's households with empty attributes (``data_tidak_lengkap``: which ones), personal
    data like ``priority_households``."""
    return fetch_all(conn, "villages/incomplete_households", {"kode_desa": kode_desa, "limit": limit})


def pockets(conn: Connection, kode_desa: str) -> list[dict[str, Any]]:
    """Poverty pockets of the latest pocket run with households in the village."""
    return fetch_all(conn, "villages/pockets", {"kode_desa": kode_desa})
