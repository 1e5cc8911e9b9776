"""Physical upkeep of the household table after a large import: cluster on the geometry, refresh
statistics. Clustering puts households that are close on the map in the same disk pages, so
tiles, polygon selections and point-in-polygon joins read few pages (see docs/scaling.md)."""
import time

from spatial.db import connect


def optimise_households(url: str | None = None) -> float:
    """CLUSTER ``rumah_tangga`` (every partition) on its GiST index, then ANALYZE; returns seconds.

    Takes an exclusive lock for its duration (about 10 s per million households): run it after a
    bulk import, outside office hours for a national table.
    """
    started = time.perf_counter()
    with connect(url, autocommit=True) as conn:
        conn.execute("CLUSTER rumah_tangga USING rumah_tangga_geom_idx")
        conn.execute("ANALYZE rumah_tangga")
        conn.execute("ANALYZE fasilitas")
    return time.perf_counter() - started
