"""The fixed list of 500 benchmark tiles: zooms 8-16, half over dense (small, urban) villages and half
over sparse (large, rural) ones, drawn with a fixed seed from the province's village polygons."""
import math
import random

import geopandas as gpd

ZOOMS = range(8, 17)
TOTAL = 500


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    """Web-Mercator (XYZ) tile containing a point."""
    n = 2 ** z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return z, min(x, n - 1), min(y, n - 1)


def fixed_tiles(boundaries) -> list[tuple[int, int, int, str]]:
    """500 distinct (z, x, y, 'padat'|'jarang') tiles; the same list on every run for the same file."""
    villages = gpd.read_file(boundaries)[["geometry"]].to_crs(4326)
    area = villages.to_crs(32748).area
    order = area.sort_values().index
    dense, sparse = list(order[: len(order) // 5]), list(order[-len(order) // 5:])
    rng = random.Random(9)
    tiles, seen = [], set()

    def draw(z: int, wanted: int) -> None:
        taken = 0
        for i in range(wanted * 40):
            kind, pool = ("padat", dense) if i % 2 == 0 else ("jarang", sparse)
            point = villages.geometry[rng.choice(pool)].representative_point()
            tile = tile_of(point.x + rng.uniform(-0.01, 0.01), point.y + rng.uniform(-0.01, 0.01), z)
            if tile not in seen:
                seen.add(tile)
                tiles.append((*tile, kind))
                taken += 1
                if taken == wanted:
                    return

    for z in ZOOMS:  # low zooms cover the province with few tiles: take what exists
        draw(z, TOTAL // len(ZOOMS))
    high = [z for z in ZOOMS if z >= 12]
    for i, z in enumerate(high):  # the rest is spread over the zooms users browse households at
        draw(z, (TOTAL - len(tiles)) // (len(high) - i))
    return sorted(tiles)
