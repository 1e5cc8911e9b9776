"""Checking an area geometry before it is stored: polygonal, repaired when self-intersecting,
inside the district."""
import json
from dataclasses import dataclass

import psycopg

from spatial.areas import AreaError, N_
from spatial.sqlfiles import fetch_row

# Share of an area that may lie outside every village (drawing along the district border).
MAX_OUTSIDE_SHARE = 0.01


@dataclass
class CheckedGeometry:
    """A geometry ready to store (MultiPolygon GeoJSON text) and whether it was repaired."""
    geojson: str
    repaired: bool
    area_m2: float
    reason: str | None = None


def _numbers_only(coordinates) -> bool:
    """True when nested coordinate lists hold only numbers (PostGIS reads a string as 0)."""
    if isinstance(coordinates, list):
        return bool(coordinates) and all(_numbers_only(c) for c in coordinates)
    return isinstance(coordinates, (int, float)) and not isinstance(coordinates, bool)


def polygon_of(value) -> dict:
    """The Polygon/MultiPolygon of a GeoJSON geometry or Feature (dict or text) with numeric
    coordinates; ``AreaError`` otherwise."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise AreaError(N_("Geometri bukan GeoJSON yang sah.")) from exc
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if not isinstance(value, dict) or value.get("type") not in ("Polygon", "MultiPolygon"):
        raise AreaError(N_("Kawasan harus berupa poligon."))
    if not _numbers_only(value.get("coordinates")):
        raise AreaError(N_("Koordinat poligon harus berupa angka."))
    return value


def check_geometry(conn, value, max_outside: float = MAX_OUTSIDE_SHARE, wilayah: str | None = None) -> CheckedGeometry:
    """Validate a GeoJSON Polygon/MultiPolygon (dict, Feature or text) in PostGIS.

    Self-intersections are repaired with ST_MakeValid (``repaired`` is then True and ``reason``
    holds PostGIS' reason); a geometry with no area left, or with more than ``max_outside`` of its
    area outside the district's villages, or (with ``wilayah``) sharing no interior with that
    region, is refused with ``AreaError``."""
    geometry = polygon_of(value)
    try:
        with conn.transaction():  # a savepoint when the caller is inside a transaction
            row = fetch_row(conn, "areas/validate", {"geojson": json.dumps(geometry),
                                                                     "wilayah": wilayah})
    except psycopg.Error as exc:  # PostGIS refuses malformed coordinates
        raise AreaError(N_("Geometri tidak dapat dibaca: %(galat)s"), galat=str(exc).splitlines()[0]) from exc
    assert row is not None  # one row per geometry checked
    valid, reason, _kind, polygonal, geojson, area_m2, outside, in_region = row[:8]
    if not polygonal:
        raise AreaError(N_("Geometri tidak memiliki luas (poligon kosong atau garis saja)."))
    if outside > max_outside:
        raise AreaError(N_("Kawasan berada di luar wilayah kabupaten (%(persen)s%% luasnya di luar desa mana pun)."),
                        persen=f"{outside * 100:.1f}")
    if not in_region:
        raise AreaError(N_("Kawasan berada di luar wilayah Anda (%(wilayah)s)."), wilayah=wilayah)
    return CheckedGeometry(geojson=geojson, repaired=not valid, area_m2=float(area_m2),
                           reason=None if valid else reason)
