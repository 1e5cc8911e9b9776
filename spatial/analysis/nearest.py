"""Exact distance in metres (WGS 84 ellipsoid) from many points to the nearest of a set of sites.

A k-d tree over the sites' Earth-centred (ECEF) coordinates finds each point's nearest site by the
straight-line chord through the ellipsoid; the geodesic distance to it (GeographicLib, as PostGIS
measures ``geography``) is an upper bound of the true nearest distance. A chord is never longer
than the geodesic between the same two places, so no other site can be nearer unless its chord is
shorter than that bound: when the second-nearest chord is longer, the first site is the nearest;
otherwise (near ties) every site within the bound is measured and the least distance kept. Exact
by construction, like a brute-force minimum over all sites, at the cost of two tree look-ups.
"""
import numpy as np
from pyproj import Geod
from scipy.spatial import cKDTree

GEOD = Geod(ellps="WGS84")
A = 6378137.0                      # WGS 84 semi-major axis, m
E2 = 6.69437999014e-3              # first eccentricity squared


def ecef(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Earth-centred coordinates (m) of points on the WGS 84 ellipsoid (height 0), shape (n, 3)."""
    lam, phi = np.radians(lon), np.radians(lat)
    n = A / np.sqrt(1 - E2 * np.sin(phi) ** 2)
    return np.column_stack((n * np.cos(phi) * np.cos(lam), n * np.cos(phi) * np.sin(lam),
                            n * (1 - E2) * np.sin(phi)))


def geodesic_m(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Geodesic distances (m) between paired points on the WGS 84 ellipsoid."""
    return GEOD.inv(lon1, lat1, lon2, lat2)[2]


class Points:
    """Points (longitude, latitude arrays, degrees) whose nearest sites are looked up."""

    def __init__(self, lon: np.ndarray, lat: np.ndarray):
        self.lon, self.lat = lon, lat
        self.xyz = ecef(lon, lat)

    def nearest_m(self, site_lon: np.ndarray, site_lat: np.ndarray) -> np.ndarray:
        """For every point, the geodesic distance in metres to the nearest site (NaN without sites)."""
        lon, lat = self.lon, self.lat
        if len(site_lon) == 0 or len(lon) == 0:
            return np.full(len(lon), np.nan)
        tree = cKDTree(ecef(site_lon, site_lat))
        chords, index = tree.query(self.xyz, k=[1, 2], workers=-1)
        first = index[:, 0]
        best = geodesic_m(lon, lat, site_lon[first], site_lat[first])
        for i in np.flatnonzero(chords[:, 1] <= best):  # near ties: measure every site within the bound
            near = np.asarray(tree.query_ball_point(self.xyz[i], best[i] * (1 + 1e-9) + 1e-6), dtype=int)
            best[i] = geodesic_m(np.full(len(near), lon[i]), np.full(len(near), lat[i]),
                                 site_lon[near], site_lat[near]).min()
        return best
