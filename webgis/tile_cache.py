"""Aggregate household tiles cached in PostGIS (table ``tile_cache``) until the next change of
``rumah_tangga``: a statement trigger bumps the data version and empties the cache on every
import or edit (migration 0090_tile_cache), so a cached tile is never older than the data."""
from spatial.sqlfiles import run
from webgis.database import pool


def cached_tile(layer: str, z: int, x: int, y: int, compute) -> bytes:
    """The tile ``layer/z/x/y`` from the cache, else ``compute()`` stored under the current version.

    The version is read before computing: if an import commits meanwhile, the tile is stored under
    the old version (or not at all) and is never served as current."""
    key = {"lapisan": layer, "z": z, "x": x, "y": y}
    with pool().connection() as conn:
        row = run(conn, "tiles/cache_get", key).fetchone()
    if row["body"] is not None:
        return bytes(row["body"])
    body = compute()
    with pool().connection() as conn:
        run(conn, "tiles/cache_put", {**key, "versi": row["versi"], "body": body})
    return body
