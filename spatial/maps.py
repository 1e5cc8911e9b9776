"""Map data for the dashboard and the map APIs: villages, kecamatan, facilities and indicators as
GeoJSON or rows, the village search, the household nearest to a click, the map extent and the date
of the data. Aggregates everywhere except ``nearest_household`` (a role-gated popup)."""
import math
import re
from datetime import datetime
from typing import Any

from spatial.privacy import mask_nik
from spatial.sqlfiles import Connection, fetch_all, fetch_one, fetch_value
from spatial.tiles import POINT_MIN_ZOOM

EARTH_M_PER_PX_Z0 = 156543.03392  # metres per 256-px tile pixel at zoom 0 on the equator
CLICK_TOLERANCE_PX = 10


def villages_geojson(conn: Connection, tolerance: float | None = None, kode_kab: str | None = None,
                     wilayah: str | None = None) -> str:
    """Villages (RFC 7946) of region ``wilayah`` (None = all) with codes, names and household
    counts; ``tolerance`` None = the stored display geometry."""
    return fetch_value(conn, "maps/villages_geojson", {"tolerance": tolerance, "kode_kab": kode_kab, "wilayah": wilayah})


def kecamatan_geojson(conn: Connection, wilayah: str | None = None) -> str | None:
    """Kecamatan outlines (GeoJSON lines) of region ``wilayah`` (None = all)."""
    return fetch_value(conn, "maps/kecamatan_geojson", {"wilayah": wilayah})


def facilities_geojson(conn: Connection, kode_desa: str | None = None, wilayah: str | None = None) -> str | None:
    """Facilities as GeoJSON, of one village or all, in region ``wilayah`` (None = everywhere)."""
    return fetch_value(conn, "maps/facilities_geojson", {"kode_desa": kode_desa, "wilayah": wilayah})


def village_indicators(conn: Connection) -> list[dict[str, Any]]:
    """One row per village with every indicator column of view ``indikator_desa``."""
    return fetch_all(conn, "maps/indicators")


def search_villages(conn: Connection, text: str, wilayah: str | None = None) -> list[dict[str, Any]]:
    """Villages of region ``wilayah`` (None = all) whose name contains ``text`` or whose Kemendagri
    code (dotted or not) starts with it."""
    text = text.strip()
    if not text:
        return []
    digits = re.sub(r"\D", "", text) if re.fullmatch(r"[\d.\s]+", text) else None
    name = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")  # LIKE wildcards are literal
    return fetch_all(conn, "maps/village_search", {"digits": digits, "name": name, "wilayah": wilayah})


def click_radius_m(lat: float, zoom: int) -> float:
    """Metres covered by ``CLICK_TOLERANCE_PX`` screen pixels at ``lat`` and ``zoom`` (Web Mercator)."""
    return CLICK_TOLERANCE_PX * EARTH_M_PER_PX_Z0 * math.cos(math.radians(lat)) / 2 ** zoom


def nearest_household(conn: Connection, lat: float, lon: float, zoom: int, wilayah: str | None) -> dict | None:
    """The household nearest to a click within ~10 screen pixels at ``zoom`` (inside ``wilayah``),
    for the popup: NIK masked to its region and last four digits; None when there is none."""
    zoom = max(POINT_MIN_ZOOM, min(zoom, 22))
    radius_m = click_radius_m(lat, zoom)
    row = fetch_one(conn, "maps/households_nearest", {
        "lat": lat, "lon": lon, "radius_m": radius_m, "radius_deg": radius_m / 100000.0, "wilayah": wilayah})
    if row is None:
        return None
    row["nik_kepala"] = mask_nik(row["nik_kepala"])
    row["skor"] = None if row["skor"] is None else float(row["skor"])
    return row


def villages_extent(conn: Connection, wilayah: str | None = None) -> dict[str, float] | None:
    """``{"xmin", "ymin", "xmax", "ymax"}`` (WGS 84) of the villages of region ``wilayah`` (None =
    all), None without villages."""
    row = fetch_one(conn, "maps/villages_extent", {"wilayah": wilayah})
    return row if row and row["xmin"] is not None else None


def latest_household_change(conn: Connection) -> datetime | None:
    """When household data last changed (None before any import)."""
    return fetch_value(conn, "maps/households_latest_change")


def page_version(conn: Connection) -> str:
    """What the rendered dashboard map depends on besides the app's configuration: the household
    data version (its "data per" date) and the villages (its extent)."""
    return fetch_value(conn, "maps/page_version")
