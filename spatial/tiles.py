"""Household vector tiles straight from PostGIS (ST_AsMVT + ST_TileEnvelope), and the tile cache.

Aggregate tiles follow the one anonymity rule (``spatial.anonymity``: cells of at least 611 m,
k = 5, sums of published cells) and are the same for every role. They are cached in PostGIS (table
``tile_cache``) until the next change of ``rumah_tangga``: a statement trigger bumps the data
version and empties the cache on every import or edit (migration 0090_tile_cache), so a cached
tile is never older than the data. The cache is bounded: only tiles with data, at zooms up to
``MAX_CACHED_ZOOM`` (beyond it a tile is a piece of one base cell, cheap to draw; caching them
would let anyone grow the table without limit), at most ``SASARAN_TILE_CACHE_MAX`` tiles (the
oldest are evicted).
"""
from collections.abc import Callable

from spatial import anonymity
from spatial.sqlfiles import Connection, fetch_one, fetch_value, run

POINT_MIN_ZOOM = 13
MAX_ZOOM = 20
MAX_CACHED_ZOOM = 16


def valid_tile(z: int, x: int, y: int) -> bool:
    """True for a tile address this service draws (zoom up to ``MAX_ZOOM``, x and y on the grid)."""
    return 0 <= z <= MAX_ZOOM and 0 <= x < 2 ** z and 0 <= y < 2 ** z


def household_points(conn: Connection, z: int, x: int, y: int, wilayah: str | None) -> bytes:
    """The point tile (layer ``rumah_tangga``: id, desil, skor) of the households in ``wilayah``."""
    return bytes(fetch_value(conn, "tiles/households_points", {"z": z, "x": x, "y": y, "wilayah": wilayah}) or b"")


def draw_grid(conn: Connection, z: int, x: int, y: int) -> bytes:
    """The anonymous aggregate tile (layer ``agregat``) drawn from the households, without the cache."""
    return bytes(fetch_value(conn, "tiles/households_grid", {"z": z, "x": x, "y": y, **anonymity.tile_box(z, x, y)})
                 or b"")


def household_grid(conn: Connection, z: int, x: int, y: int, max_cached: int) -> bytes:
    """The anonymous aggregate tile (layer ``agregat``), from the cache when the data has not
    changed since it was drawn (the cache holds at most ``max_cached`` tiles)."""
    def draw() -> bytes:
        return draw_grid(conn, z, x, y)
    if z > MAX_CACHED_ZOOM:
        return draw()
    return cached(conn, "agregat", z, x, y, draw, max_cached)


def cached(conn: Connection, layer: str, z: int, x: int, y: int, compute: Callable[[], bytes],
           max_cached: int) -> bytes:
    """The tile ``layer/z/x/y`` from the cache, else ``compute()`` stored under the current version
    when it holds data.

    The version is read before computing: if an import commits meanwhile, the tile is stored under
    the old version (or not at all) and is never served as current."""
    key = {"lapisan": layer, "z": z, "x": x, "y": y}
    row = fetch_one(conn, "tiles/cache_get", key)
    assert row is not None  # the version row always exists (migration 0090)
    if row["body"] is not None:
        return bytes(row["body"])
    body = compute()
    if body:
        run(conn, "tiles/cache_put", {**key, "versi": row["versi"], "body": body, "maks": max_cached})
    return body
