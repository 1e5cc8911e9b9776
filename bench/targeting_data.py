"""Households with planted poverty pockets for the detection-power benchmark, made on their own
(not with ``spatial.synthetic``, so the methods are not judged on data made with them).

Model, inside real village boundaries (any GeoJSON of villages with ``kode_desa``):
- 92 % of households live in settlements: each village gets settlements in proportion to its
  area, each a round cloud (Gaussian) of 20-400 households whose spread varies from 40 to 300 m;
  8 % are scattered uniformly over the villages;
- every village has its own background poor share, 15-25 % (a household declares the village its
  point lies in, or its settlement's village when the point lies in none);
- pockets: poor hamlets of 5, 10, 20, 40 or 80 poor households (one size class in turn), with
  a poor share drawn from 50-90 % (so 6 to 160 households), a spread of 15-120 m, put at the
  edge of a settlement (a hamlet beside a village core) and at least 1 km from another pocket.
Households are written in the documented import format with a ground-truth file of the pocket
of each household.
"""
import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyproj
import shapely
import shapely.ops
from shapely.geometry import shape

POCKET_SIZES = (5, 10, 20, 40, 80)
SCATTERED = 0.08
HOUSEHOLDS_PER_POCKET = 3000    # one pocket for about this many households
TAIL = ["3", "0", "0", "0", "0", "40", "genteng", "tembok", "keramik", "sendiri", "leher angsa", "tangki septik",
        "ledeng", "listrik pln meteran", "milik sendiri", ""]
HEADER = ["id_keluarga", "nik_kepala", "nama_kepala", "kode_desa", "alamat", "latitude", "longitude", "desil",
          "jumlah_anggota", "jumlah_balita", "ada_lansia", "ada_disabilitas", "kepala_perempuan", "luas_lantai_m2",
          "jenis_atap", "jenis_dinding", "jenis_lantai", "fasilitas_bab", "jenis_kloset", "pembuangan_tinja",
          "sumber_air_minum", "sumber_penerangan", "status_rumah", "tahun_bantuan_rumah"]


@dataclass
class Villages:
    codes: list
    polygons: list        # shapely polygons in metres
    kab: np.ndarray
    to_lonlat: pyproj.Transformer


def read_villages(path: Path, kabupaten: str | None = None) -> Villages:
    """Village polygons of ``path`` (optionally one kabupaten), in the UTM zone of their centre."""
    features = json.loads(Path(path).read_text())["features"]
    features = [f for f in features if kabupaten is None or f["properties"]["kode_desa"].startswith(kabupaten + ".")]
    geoms = [shape(f["geometry"]) for f in features]
    lon = float(np.mean([g.centroid.x for g in geoms]))
    lat = float(np.mean([g.centroid.y for g in geoms]))
    utm = 32700 + int((lon + 180) // 6) + 1 if lat < 0 else 32600 + int((lon + 180) // 6) + 1
    forward = pyproj.Transformer.from_crs(4326, utm, always_xy=True)
    polygons = [shapely.ops.transform(forward.transform, g) for g in geoms]
    codes = [f["properties"]["kode_desa"] for f in features]
    return Villages(codes, polygons, np.array([c[:5] for c in codes]),
                    pyproj.Transformer.from_crs(utm, 4326, always_xy=True))


def points_in(polygon, count: int, rng) -> np.ndarray:
    """``count`` uniform points inside ``polygon`` (rejection sampling in its bounding box)."""
    out = np.zeros((0, 2))
    xmin, ymin, xmax, ymax = polygon.bounds
    while len(out) < count:
        cand = rng.uniform([xmin, ymin], [xmax, ymax], size=(max(16, 3 * (count - len(out))), 2))
        out = np.vstack([out, cand[shapely.contains_xy(polygon, cand[:, 0], cand[:, 1])]])
    return out[:count]


def generate(villages: Villages, households: int, seed: int) -> dict:
    """Arrays of the households (x, y, village index, poor, pocket id or -1) and the pocket table."""
    rng = np.random.default_rng(seed)
    area = np.array([p.area for p in villages.polygons])
    n_pockets = max(len(POCKET_SIZES), round(households / HOUSEHOLDS_PER_POCKET))
    pockets = [_pocket_shape(i, rng) for i in range(n_pockets)]
    in_pockets = sum(p["households"] for p in pockets)
    settled = int(households * (1 - SCATTERED)) - in_pockets
    sizes = []
    while sum(sizes) < settled:
        sizes.append(int(np.clip(rng.lognormal(math.log(110), 0.7), 20, 400)))
    sizes[-1] -= sum(sizes) - settled
    home = rng.choice(len(area), size=len(sizes), p=area / area.sum())
    parts = []
    settlements = []
    for size, v in zip(sizes, home):
        centre = points_in(villages.polygons[v], 1, rng)[0]
        spread = rng.uniform(40, 300)
        settlements.append((centre, spread, v))
        parts.append((centre + rng.normal(0, spread, size=(size, 2)), np.full(size, v), np.full(size, -1)))
    scattered = households - settled - in_pockets
    where = rng.choice(len(area), size=scattered, p=area / area.sum())
    for v in np.unique(where):
        k = int(np.sum(where == v))
        parts.append((points_in(villages.polygons[v], k, rng), np.full(k, v), np.full(k, -1)))
    placed = []
    for pocket in pockets:
        centre, spread, v = _pocket_site(settlements, placed, rng)
        placed.append(centre)
        m = pocket["households"]
        pocket.update(x=float(centre[0]), y=float(centre[1]), kode_desa=villages.codes[v])
        parts.append((centre + rng.normal(0, pocket["spread_m"], size=(m, 2)), np.full(m, v), np.full(m, pocket["id"])))
    xy = np.vstack([p[0] for p in parts])
    village = declared_village(villages, xy, np.concatenate([p[1] for p in parts]).astype(int))
    pocket_of = np.concatenate([p[2] for p in parts]).astype(int)
    background = rng.uniform(0.15, 0.25, size=len(area))
    poor = rng.random(len(xy)) < background[village]
    for pocket in pockets:
        members = np.flatnonzero(pocket_of == pocket["id"])
        poor[members] = False
        poor[rng.choice(members, size=pocket["poor"], replace=False)] = True
    return {"xy": xy, "village": village, "poor": poor, "pocket": pocket_of, "pockets": pockets}


def declared_village(villages: Villages, xy: np.ndarray, home: np.ndarray) -> np.ndarray:
    """The village a household declares: the one its point lies in (a settlement's cloud spills
    over village borders); a point in no village keeps the village of its settlement."""
    inside, polygon = shapely.STRtree(villages.polygons).query(shapely.points(xy), predicate="within")
    declared = home.copy()
    declared[inside] = polygon
    return declared


def _pocket_shape(i: int, rng) -> dict:
    poor = POCKET_SIZES[i % len(POCKET_SIZES)]
    share = rng.uniform(0.5, 0.9)
    return {"id": i, "poor": poor, "share": round(share, 3), "households": max(poor, round(poor / share)),
            "spread_m": round(float(rng.uniform(15, 120)), 1)}


def _pocket_site(settlements, placed, rng):
    """A point at the edge of a random settlement, at least 1 km from every pocket placed so far."""
    for _ in range(10_000):
        centre, spread, v = settlements[rng.integers(len(settlements))]
        angle = rng.uniform(0, 2 * math.pi)
        site = centre + 1.5 * spread * np.array([math.cos(angle), math.sin(angle)])
        if all(math.dist(site, p) >= 1000 for p in placed):
            return site, spread, v
    raise RuntimeError("tidak ada tempat untuk kantong lagi: terlalu banyak kantong untuk wilayah ini")


def write(data: dict, villages: Villages, folder: Path, seed: int) -> Path:
    """households.csv (import format) and pockets.json (pockets and the pocket of each household id)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed + 1)
    lon, lat = villages.to_lonlat.transform(data["xy"][:, 0], data["xy"][:, 1])
    desil = np.where(data["poor"], rng.integers(1, 3, len(lon)), rng.integers(3, 11, len(lon)))
    ids = [f"T{seed}-{i:07d}" for i in range(len(lon))]
    with open(folder / "households.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for i in range(len(lon)):
            writer.writerow([ids[i], f"{1899000000000000 + i}", f"Warga {i}", villages.codes[data['village'][i]], "",
                             f"{lat[i]:.7f}", f"{lon[i]:.7f}", int(desil[i]), *TAIL])
    truth = {"pockets": data["pockets"],
             "pocket_of": {ids[i]: int(p) for i, p in enumerate(data["pocket"]) if p >= 0}}
    (folder / "pockets.json").write_text(json.dumps(truth))
    return folder
