"""Statistics inside an area, computed in PostGIS (households, poverty, RTLH candidates and cost,
water, sanitation, toddlers, facilities, villages touched with the share of each inside)."""
import json
from typing import Any

import psycopg

from psycopg.rows import dict_row

from spatial.errors import N_, AreaError, NotFound
from spatial.settings import current
from spatial.sqlfiles import fetch_value, run


def unit_cost() -> float:
    """Estimated repair cost per RTLH house (rupiah): ``SASARAN_BIAYA_RTLH`` or the RTLH config."""
    configured = current().biaya_rtlh
    if configured is not None:
        return configured
    from spatial.analysis.scores import load_config

    return float(load_config()["biaya_satuan"])


def area_stats(conn, geometry, biaya_satuan: float | None = None, wilayah: str | None = None) -> dict:
    """Statistics of the households, facilities and villages inside ``geometry`` (GeoJSON dict or
    text); with ``wilayah`` (a region code) only those inside that region count. AreaError when
    PostGIS refuses the coordinates."""
    geojson = geometry if isinstance(geometry, str) else json.dumps(geometry)
    params = {"geojson": geojson, "wilayah": wilayah}
    cost = unit_cost() if biaya_satuan is None else float(biaya_satuan)
    try:
        with conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
            totals = run(cur, "areas/stats", params).fetchone()
            facilities = run(cur, "areas/stats_facilities", params).fetchall()
            villages = run(cur, "areas/stats_villages", params).fetchall()
    except (psycopg.DataError, psycopg.InternalError) as exc:  # PostGIS refuses malformed coordinates
        raise AreaError(N_("Geometri tidak valid: %(pesan)s"), pesan=str(exc).splitlines()[0]) from exc
    assert totals is not None  # aggregates: always one row
    result: dict[str, Any] = {k: int(v) for k, v in totals.items()}
    result["biaya_satuan"] = cost
    result["biaya_rtlh"] = result["rtlh"] * cost
    result["fasilitas"] = [{k: (int(v) if k != "jenis" else v) for k, v in f.items()} for f in facilities]
    result["desa"] = [{**v, "persen_luas_desa": float(v["persen_luas_desa"] or 0)} for v in villages]
    return result


def saved_area_stats(conn, area_id: int, wilayah: str | None = None) -> dict:
    """Statistics inside the saved area ``area_id`` (NotFound when it is deleted, unknown or outside
    ``wilayah``)."""
    geojson = fetch_value(conn, "areas/get_geojson", {"id": area_id, "wilayah": wilayah})
    if geojson is None:
        raise NotFound(N_("Kawasan tidak ditemukan."))
    return area_stats(conn, geojson, wilayah=wilayah)
