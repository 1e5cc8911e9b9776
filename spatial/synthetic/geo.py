"""Geometry helpers of the synthetic registry generator: villages, local metres, points in polygons.

Offsets are done in local metres on a sphere (equirectangular around each point: one degree of
latitude is ``M_PER_DEG`` metres, one degree of longitude that times cos(latitude)), which holds on
both sides of the equator and is accurate to well under a metre over a few kilometres.
"""
import numpy as np
import pandas as pd
import shapely

from spatial.boundaries import read_villages
from spatial.codes import normalise_kode_desa

M_PER_DEG = 111_195.0  # metres per degree of a great circle (mean Earth radius 6371.0088 km)
VILLAGE_COLUMNS = ("kode_desa", "nama_desa", "jenis", "kode_kec", "nama_kec", "kode_kab", "nama_kab")


def load_villages(path) -> tuple[pd.DataFrame, np.ndarray]:
    """Villages sorted by code (attributes, reference point, area in km2) and their prepared polygons."""
    frame = read_villages(str(path))
    missing = [c for c in VILLAGE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: kolom batas desa tidak ada: {', '.join(missing)}")
    frame["kode_desa"] = frame["kode_desa"].map(normalise_kode_desa)
    frame = frame.dropna(subset=["kode_desa"]).drop_duplicates("kode_desa")
    frame = frame.sort_values("kode_desa").reset_index(drop=True)
    geoms = np.array([_polygonal(g) for g in frame.geometry], dtype=object)
    shapely.prepare(geoms)
    anchor = shapely.point_on_surface(geoms)
    villages = pd.DataFrame(frame[list(VILLAGE_COLUMNS)])
    villages["jenis"] = villages["jenis"].fillna("desa").str.lower()
    villages["lon0"], villages["lat0"] = shapely.get_x(anchor), shapely.get_y(anchor)
    villages["area_km2"] = [shapely.area(local_metres(g, x, y)) / 1e6
                            for g, x, y in zip(geoms, villages["lon0"], villages["lat0"])]
    return villages, geoms


def _polygonal(geom):
    """The polygonal part of a geometry, repaired when invalid."""
    if shapely.is_valid(geom):
        return geom
    parts = shapely.get_parts(shapely.make_valid(geom))
    return shapely.union_all([p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")])


def local_metres(geom, lon0: float, lat0: float):
    """``geom`` in metres east/north of (lon0, lat0)."""
    scale = np.array([M_PER_DEG * np.cos(np.radians(lat0)), M_PER_DEG])
    return shapely.transform(geom, lambda xy: (xy - (lon0, lat0)) * scale)


def offset(lon, lat, dx_m, dy_m):
    """Move points by metres east (dx) and north (dy)."""
    return lon + dx_m / (M_PER_DEG * np.cos(np.radians(lat))), lat + dy_m / M_PER_DEG


def distance_m(lon1, lat1, lon2, lat2):
    """Distance in metres between points (equirectangular; exact enough below ~50 km)."""
    mean_lat = np.radians((np.asarray(lat1) + np.asarray(lat2)) / 2)
    dx = (np.asarray(lon2) - lon1) * np.cos(mean_lat)
    return M_PER_DEG * np.hypot(dx, np.asarray(lat2) - lat1)


def sample_inside(rng, geom, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` uniform random points inside ``geom`` (rejection in the bounding box)."""
    minx, miny, maxx, maxy = geom.bounds
    fill = max(shapely.area(geom) / max((maxx - minx) * (maxy - miny), 1e-12), 0.01)
    xs, ys, got = [], [], 0
    for _ in range(100):
        batch = int((n - got) / fill * 1.3) + 8
        x, y = rng.uniform(minx, maxx, batch), rng.uniform(miny, maxy, batch)
        keep = shapely.contains_xy(geom, x, y)
        xs.append(x[keep])
        ys.append(y[keep])
        got += int(keep.sum())
        if got >= n:
            break
    if got < n:  # a sliver: fall back to its point on surface
        anchor = shapely.point_on_surface(geom)
        xs.append(np.full(n - got, anchor.x))
        ys.append(np.full(n - got, anchor.y))
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def scatter(rng, geom, lon_c, lat_c, sigma_m, limit_m=None, rounds: int = 10):
    """Gaussian points around centres (sigma in metres), kept inside ``geom``.

    Points outside the polygon (or farther than ``limit_m`` from their centre) are drawn again
    with a shrinking spread; the few left after ``rounds`` sit on their centre, which must lie
    inside ``geom``."""
    n = len(lon_c)
    limit_m = np.full(n, np.inf) if limit_m is None else np.broadcast_to(limit_m, (n,))
    sigma_m = np.broadcast_to(sigma_m, (n,))
    lon, lat = np.array(lon_c, dtype=float), np.array(lat_c, dtype=float)
    todo, shrink = np.arange(n), 1.0
    for _ in range(rounds):
        if todo.size == 0:
            break
        dx, dy = rng.normal(size=(2, todo.size)) * sigma_m[todo] * shrink
        x, y = offset(lon_c[todo], lat_c[todo], dx, dy)
        ok = shapely.contains_xy(geom, x, y) & (np.hypot(dx, dy) <= limit_m[todo])
        lon[todo[ok]], lat[todo[ok]] = x[ok], y[ok]
        todo, shrink = todo[~ok], shrink * 0.75
    return lon, lat


def _local_points(lon, lat, lon0: float, lat0: float):
    scale = M_PER_DEG * np.cos(np.radians(lat0))
    return shapely.points((np.asarray(lon) - lon0) * scale, (np.asarray(lat) - lat0) * M_PER_DEG)


def interior_distance_m(geom, lon, lat, lon0: float, lat0: float) -> np.ndarray:
    """Distance in metres from points inside ``geom`` to its boundary (0 outside)."""
    local, points = local_metres(geom, lon0, lat0), _local_points(lon, lat, lon0, lat0)
    return np.where(shapely.contains(local, points), shapely.distance(shapely.boundary(local), points), 0.0)


def outside_distance_m(geom, lon, lat, lon0: float, lat0: float) -> np.ndarray:
    """Distance in metres from points to ``geom`` (0 inside)."""
    return shapely.distance(local_metres(geom, lon0, lat0), _local_points(lon, lat, lon0, lat0))
