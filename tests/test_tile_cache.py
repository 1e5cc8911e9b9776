"""Aggregate tiles are cached until the household table changes: a cached tile is served again,
and any import/edit of rumah_tangga empties the cache so the next tile shows the new data."""
import math

import mapbox_vector_tile
import psycopg

from conftest import login, make_app
from spatial.users import create_demo_users

HOUSEHOLDS = """
INSERT INTO rumah_tangga (kode_prov, id_keluarga, kode_desa_deklarasi, kode_desa, kode_kec, kode_kab, geom, desil)
SELECT d.kode_prov, 'CACHE-' || d.kode_desa || '-' || g, d.kode_desa, d.kode_desa, d.kode_kec, d.kode_kab,
       ST_PointOnSurface(d.geom), 1
FROM (SELECT * FROM desa ORDER BY kode_desa LIMIT 1) d, generate_series(1, %(n)s) g
"""


def _tile_of(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    n = 2 ** z
    return z, int((lon + 180.0) / 360.0 * n), int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)


def _households_in(body: bytes) -> int:
    layer = mapbox_vector_tile.decode(body).get("agregat", {"features": []})
    return sum(f["properties"]["jumlah"] for f in layer["features"])


def test_grid_tile_cached_until_households_change(scratch_db):
    create_demo_users(scratch_db)
    with psycopg.connect(scratch_db, autocommit=True) as conn:
        conn.execute(HOUSEHOLDS, {"n": 5})
        lon, lat = conn.execute("SELECT ST_X(geom), ST_Y(geom) FROM rumah_tangga LIMIT 1").fetchone()
    z, x, y = _tile_of(lon, lat, 10)
    client = login(make_app(scratch_db, WTF_CSRF_ENABLED=False).test_client(), "admin")
    url = f"/tiles/rumah-tangga/{z}/{x}/{y}.pbf"

    first = client.get(url)
    assert first.status_code == 200 and _households_in(first.data) == 5
    with psycopg.connect(scratch_db, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM tile_cache WHERE z = %s AND x = %s AND y = %s",
                            (z, x, y)).fetchone()[0] == 1
        # a stale body planted under the current version proves the next answer comes from the cache
        conn.execute("UPDATE tile_cache SET body = 'dari-cache'::bytea")
        version = conn.execute("SELECT versi FROM tile_cache_versi").fetchone()[0]
    assert client.get(url).data == b"dari-cache"

    with psycopg.connect(scratch_db, autocommit=True) as conn:  # an "import": three more households
        conn.execute(HOUSEHOLDS.replace("'CACHE-'", "'CACHE2-'"), {"n": 3})
        assert conn.execute("SELECT versi FROM tile_cache_versi").fetchone()[0] > version
        assert conn.execute("SELECT count(*) FROM tile_cache").fetchone()[0] == 0
    assert _households_in(client.get(url).data) == 8


def test_tile_computed_before_a_change_is_not_kept(scratch_db):
    with psycopg.connect(scratch_db, autocommit=True) as conn:
        version = conn.execute("SELECT versi FROM tile_cache_versi").fetchone()[0]
        conn.execute(HOUSEHOLDS, {"n": 1})  # data changed after the tile's version was read
        conn.execute(open("sql/queries/tiles/cache_put.sql").read(),
                     {"lapisan": "agregat", "z": 10, "x": 1, "y": 1, "versi": version, "body": b"lama", "maks": 100})
        assert conn.execute("SELECT count(*) FROM tile_cache").fetchone()[0] == 0
