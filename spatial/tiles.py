"""Household vector tiles straight from PostGIS (ST_AsMVT + ST_TileEnvelope), the grid maths of
the aggregate tiles, and the tile cache.

Aggregate tiles are cached in PostGIS (table ``tile_cache``) until the next change of
``rumah_tangga``: a statement trigger bumps the data version and empties the cache on every
import or edit (migration 0090_tile_cache), so a cached tile is never older than the data.
"""
import math
from collections.abc import Callable

from spatial.sqlfiles import Connection, fetch_one, fetch_value, run

POINT_MIN_ZOOM = 13
MAX_ZOOM = 20
WORLD_M = 2 * math.pi * 6378137
MIN_CELL_M = 500.0        # aggregates never finer than this (privacy)
MAX_CELLS_PER_SIDE = 32   # aggregates never coarser than 1/32 of a tile


def valid_tile(z: int, x: int, y: int) -> bool:
    """True for a tile address this service draws (zoom up to ``MAX_ZOOM``, x and y on the grid)."""
    return 0 <= z <= MAX_ZOOM and 0 <= x < 2 ** z and 0 <= y < 2 ** z


def cell_size(z: int) -> float:
    """Grid cell edge (metres, EPSG:3857) for zoom ``z``: tile width / 2^k, at least ``MIN_CELL_M``."""
    tile_m = WORLD_M / 2 ** z
    k = max(0, min(int(math.log2(MAX_CELLS_PER_SIDE)), math.floor(math.log2(max(tile_m / MIN_CELL_M, 1)))))
    return tile_m / 2 ** k


def household_points(conn: Connection, z: int, x: int, y: int, wilayah: str | None) -> bytes:
    """The point tile (layer ``rumah_tangga``: id, desil, skor) of the households in ``wilayah``."""
    return bytes(fetch_value(conn, "tiles/households_points", {"z": z, "x": x, "y": y, "wilayah": wilayah}) or b"")


def household_grid(conn: Connection, z: int, x: int, y: int, min_jumlah: int) -> bytes:
    """The aggregate tile (layer ``agregat``) with cells of fewer than ``min_jumlah`` households left
    out, from the cache when the data has not changed since it was drawn."""
    def draw() -> bytes:
        return bytes(fetch_value(conn, "tiles/households_grid",
                                 {"z": z, "x": x, "y": y, "cell": cell_size(z), "min_jumlah": min_jumlah}) or b"")
    return cached(conn, f"agregat_{min_jumlah}", z, x, y, draw)


def cached(conn: Connection, layer: str, z: int, x: int, y: int, compute: Callable[[], bytes]) -> bytes:
    """The tile ``layer/z/x/y`` from the cache, else ``compute()`` stored under the current version.

    The version is read before computing: if an import commits meanwhile, the tile is stored under
    the old version (or not at all) and is never served as current."""
    key = {"lapisan": layer, "z": z, "x": x, "y": y}
    row = fetch_one(conn, "tiles/cache_get", key)
    assert row is not None  # the version row always exists (migration 0090)
    if row["body"] is not None:
        return bytes(row["body"])
    body = compute()
    run(conn, "tiles/cache_put", {**key, "versi": row["versi"], "body": body})
    return body
