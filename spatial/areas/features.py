"""Reading the features of an export layer for OGC API - Features: extent, matched count, a page,
one feature, statistics inside a polygon. The queries are composed by ``layers.query`` from the
layer's SQL and fixed fragments (never from request text); values are bound."""
import json
from typing import Any

import psycopg

from spatial.areas.layers import COUNT, COUNTED_FEATURE, EXTENT, FEATURE, ONE, PAGE, Layer, query
from spatial.errors import N_, AreaError
from spatial.sqlfiles import Connection, run

# Properties that are identifiers, years, parameters or ratios: never summed in statistics.
NOT_SUMMED = {"kawasan_id", "run_id", "kantong_id", "sel_id", "klaster_id", "kandidat_id", "program_id", "tahun", "k",
              "sel_m", "urutan", "versi", "gi_z", "p_value", "rasio", "luas_ha"}


def _first_column(row: Any) -> Any:
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


def extent(conn: Connection, layer: Layer, params: dict) -> tuple[list | None, list]:
    """``([xmin, ymin, xmax, ymax] or None, [first time, last time])`` of the layer's features."""
    row = conn.execute(query(layer, EXTENT), params).fetchone()
    values = list(row.values()) if isinstance(row, dict) else list(row or ())
    bbox = values[:4] if values and values[0] is not None else None
    return bbox, [v.isoformat() if v else None for v in values[4:6]]


def page(conn: Connection, layer: Layer, params: dict, limit: int, offset: int) -> tuple[int, list[str]]:
    """(number matched, features of the page as GeoJSON text): one reading of the layer, the count
    beside each feature (the agency grid computes its cells once, not twice); a page past the end
    asks for the count alone."""
    rows = [_columns(r) for r in conn.execute(query(layer, COUNTED_FEATURE, PAGE),
                                              {**params, "limit": limit, "offset": offset}).fetchall()]
    if not rows:
        return int(_first_column(conn.execute(query(layer, COUNT), params).fetchone())), []
    return int(rows[0][1]), [r[0] for r in rows]


def _columns(row: Any) -> list:
    return list(row.values()) if isinstance(row, dict) else list(row)


def feature(conn: Connection, layer: Layer, params: dict, fid: str) -> str | None:
    """One feature as GeoJSON text, None when the layer has no feature ``fid`` (for this requester)."""
    row = conn.execute(query(layer, FEATURE, ONE), {**params, "fid": fid}).fetchone()
    return None if row is None else _first_column(row)


def check_polygon(conn: Connection, geojson: str) -> None:
    """AreaError when PostGIS refuses the query polygon (malformed coordinates)."""
    try:
        with conn.transaction():
            run(conn, "areas/check_geojson", {"geom": geojson})
    except (psycopg.DataError, psycopg.InternalError) as exc:
        raise AreaError(N_("Geometri tidak valid: %(pesan)s"), pesan=str(exc).splitlines()[0]) from exc


def statistics(conn: Connection, layer: Layer, params: dict) -> dict:
    """Number of features and sums of their numeric properties (identifiers, years and percentages
    are not summed; suppressed k-anonymous values are null and add nothing)."""
    sums: dict[str, float] = {}
    count = 0
    for row in conn.execute(query(layer, "src.props::text"), params):
        count += 1
        for key, value in json.loads(_first_column(row)).items():
            if isinstance(value, int | float) and not isinstance(value, bool) \
                    and key not in NOT_SUMMED and not key.startswith("persen"):
                sums[key] = sums.get(key, 0) + value
    return {"koleksi": layer.name, "jumlah_fitur": count, "jumlah": sums}
