"""Metre distances from PostGIS checked against pyproj geodesic distances in two UTM zones."""
import pytest
from pyproj import Geod

GEOD = Geod(ellps="WGS84")

# Pairs ~1-30 km apart: Lampung Barat (UTM 48S), Jayapura (UTM 54S), Banda Aceh (UTM 46N).
PAIRS = [
    ((104.07, -5.00), (104.08, -5.01), 32748),
    ((104.20, -5.10), (104.45, -5.05), 32748),
    ((140.70, -2.53), (140.72, -2.60), 32754),
    ((95.32, 5.55), (95.40, 5.50), 32646),
]


@pytest.mark.parametrize("a,b,srid", PAIRS)
def test_postgis_distance_matches_geodesic(db, a, b, srid):
    _, _, expected = GEOD.inv(a[0], a[1], b[0], b[1])
    metres, utm_srid, utm_metres = db.execute(
        """WITH p AS (SELECT ST_SetSRID(ST_MakePoint(%(ax)s, %(ay)s), 4326) AS a,
                             ST_SetSRID(ST_MakePoint(%(bx)s, %(by)s), 4326) AS b)
           SELECT sasaran_jarak_m(a, b), sasaran_utm_srid(a),
                  ST_Distance(ST_Transform(a, sasaran_utm_srid(a)), ST_Transform(b, sasaran_utm_srid(a)))
           FROM p""",
        {"ax": a[0], "ay": a[1], "bx": b[0], "by": b[1]}).fetchone()
    assert utm_srid == srid
    assert metres == pytest.approx(expected, abs=0.01)      # spheroid geography = geodesic
    assert utm_metres == pytest.approx(expected, rel=1e-3)  # the zone's UTM grid, within its scale error
