"""spatial.analysis.nearest is exact: it equals a brute-force geodesic minimum over every site,
on ties, duplicate sites, points on a site, far-apart regions and sites across the antimeridian."""
import numpy as np
import pytest
from pyproj import Geod

from spatial.analysis.nearest import Points

GEOD = Geod(ellps="WGS84")


def brute_force(lon, lat, site_lon, site_lat) -> np.ndarray:
    return np.array([GEOD.inv(np.full(len(site_lon), x), np.full(len(site_lon), y), site_lon, site_lat)[2].min()
                     for x, y in zip(lon, lat)])


@pytest.mark.parametrize("region", [(104.0, -5.0, 0.5), (179.9, 10.0, 0.3), (0.0, 89.5, 0.4), (-70.0, -40.0, 5.0)])
def test_nearest_equals_brute_force(region):
    x0, y0, spread = region
    rng = np.random.default_rng(7)
    lon = x0 + rng.uniform(-spread, spread, 2000)
    lat = np.clip(y0 + rng.uniform(-spread, spread, 2000), -89.9, 89.9)
    site_lon = x0 + rng.uniform(-spread, spread, 40)
    site_lat = np.clip(y0 + rng.uniform(-spread, spread, 40), -89.9, 89.9)
    lon = np.where(lon > 180, lon - 360, lon)
    site_lon = np.where(site_lon > 180, site_lon - 360, site_lon)
    got = Points(lon, lat).nearest_m(site_lon, site_lat)
    assert np.allclose(got, brute_force(lon, lat, site_lon, site_lat), rtol=0, atol=1e-6)


def test_ties_duplicates_and_points_on_a_site():
    # a grid of sites 0.01 degree apart: grid-line midpoints are equidistant to two or four sites
    gx, gy = np.meshgrid(np.arange(104.0, 104.1, 0.01), np.arange(-5.0, -4.9, 0.01))
    site_lon = np.concatenate([gx.ravel(), gx.ravel()[:10]])  # and ten sites twice
    site_lat = np.concatenate([gy.ravel(), gy.ravel()[:10]])
    px, py = np.meshgrid(np.arange(104.0, 104.1, 0.005), np.arange(-5.0, -4.9, 0.005))
    lon, lat = px.ravel(), py.ravel()
    got = Points(lon, lat).nearest_m(site_lon, site_lat)
    assert np.allclose(got, brute_force(lon, lat, site_lon, site_lat), rtol=0, atol=1e-6)
    assert (got < 1e-6).sum() >= len(gx.ravel())  # every point standing on a site is at 0 m


def test_no_sites_or_no_points():
    assert np.isnan(Points(np.array([104.0]), np.array([-5.0])).nearest_m(np.array([]), np.array([]))).all()
    assert len(Points(np.array([]), np.array([])).nearest_m(np.array([104.0]), np.array([-5.0]))) == 0
