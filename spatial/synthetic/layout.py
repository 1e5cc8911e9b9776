"""Settlement layout of the synthetic registry: settlements inside each village, their remoteness,
the planted poverty pockets and service gaps, and how many households live in each settlement.

The layout depends on the boundaries and the seed only, so a smaller sample with the same seed has
the same settlements, pockets and gaps, just fewer households in each.
"""
from typing import TypedDict

import numpy as np
import pandas as pd

from spatial.synthetic.geo import distance_m, interior_distance_m, sample_inside

MAX_SETTLEMENTS = 6
SEPARATION_M = 800.0              # preferred distance between settlement centres of a village
REFERENCE_PER_VILLAGE = 625.0     # households per village the special sizes below are quoted for


class Planted(TypedDict):
    """Size and spacing of a planted settlement kind: households (low, high) at the reference
    scale, at least ``floor`` households, radius (low, high) and clearance from others in metres."""
    households: tuple[int, int]
    floor: int
    radius_m: tuple[int, int]
    clearance_m: int


POCKET: Planted = {"households": (150, 400), "floor": 25, "radius_m": (300, 500), "clearance_m": 900}
GAP: Planted = {"households": (80, 250), "floor": 20, "radius_m": (300, 450), "clearance_m": 1300}
PAD_DEG = 0.02   # > 2 km: settlements farther outside a village's bounds cannot crowd its pocket or gap


def plan_layout(villages: pd.DataFrame, geoms, seed: int) -> pd.DataFrame:
    """Settlements of every village (normal ones, then planted pockets and gaps) with remoteness.

    Adds the columns ``weight`` (relative household count) and ``pusat_kec`` (hosts its
    kecamatan's centre) to ``villages``."""
    rng = np.random.default_rng([seed, 1])
    villages["weight"] = _village_weights(rng, villages)
    settlements = _normal_settlements(rng, villages, geoms)
    centres = _service_centres(villages, settlements)
    taken: set = set()
    pockets = _place_special(rng, villages, geoms, settlements, centres, _count(villages, 20, 5), POCKET, taken)
    pockets["kind"], pockets["truth_id"] = "kantong", [f"K{i + 1:03d}" for i in range(len(pockets))]
    gaps = _place_special(rng, villages, geoms, settlements, centres, _count(villages, 25, 4), GAP, taken)
    gaps["kind"], gaps["truth_id"] = "celah", [f"C{i + 1:03d}" for i in range(len(gaps))]
    table = pd.concat([settlements, pockets, gaps], ignore_index=True)
    table["dusun"] = table.groupby("village").cumcount() + 1
    table["remoteness"] = _remoteness(rng, table, centres)
    return table.sort_values(["village", "dusun"]).reset_index(drop=True)


def _count(villages, per: int, minimum: int) -> int:
    return max(minimum, round(len(villages) / per))


def _village_weights(rng, villages) -> np.ndarray:
    """Relative population: roughly area (large forest villages capped), towns denser."""
    area = np.minimum(villages["area_km2"].to_numpy(), 50.0) ** 0.8
    town = np.where(villages["jenis"].eq("kelurahan"), 3.0, 1.0)
    return area * town * rng.lognormal(0.0, 0.3, len(villages))


def _normal_settlements(rng, villages, geoms) -> pd.DataFrame:
    """1-6 settlement centres per village, spread apart, with household shares and spreads."""
    rows = []
    for v, (geom, area, jenis) in enumerate(zip(geoms, villages["area_km2"], villages["jenis"])):
        wanted = 1 + rng.binomial(MAX_SETTLEMENTS - 1, area / (area + 12.0))
        lon, lat = sample_inside(rng, geom, 40)
        chosen = [0]
        for i in range(1, len(lon)):
            if len(chosen) == wanted:
                break
            if distance_m(lon[chosen], lat[chosen], lon[i], lat[i]).min() >= SEPARATION_M:
                chosen.append(i)
        share = np.sort(rng.dirichlet(np.full(len(chosen), 2.0)))[::-1]
        sigma = rng.uniform(150.0, 400.0, len(chosen))
        if jenis == "kelurahan":
            sigma[0] = 400.0
        rows.append(pd.DataFrame({"village": v, "lon": lon[chosen], "lat": lat[chosen],
                                  "share": share, "sigma_m": sigma}))
    table = pd.concat(rows, ignore_index=True)
    table["kind"], table["truth_id"] = "", ""
    table["radius_m"], table["size_u"] = np.nan, np.nan
    return table


def _service_centres(villages, settlements) -> pd.DataFrame:
    """Centre of each kecamatan (main settlement of its town, else of its largest village) and of
    each kabupaten (the kecamatan centre with the most kelurahan), per village; marks the
    kecamatan centre villages in ``villages["pusat_kec"]``."""
    main = settlements.groupby("village").head(1).set_index("village")
    frame = villages.assign(town=villages["jenis"].eq("kelurahan"), lon=main["lon"], lat=main["lat"],
                            village=villages.index)
    kec = (frame.sort_values(["town", "weight"], ascending=False).groupby("kode_kec")
           .agg(lon=("lon", "first"), lat=("lat", "first"), kode_kab=("kode_kab", "first"),
                village=("village", "first"), towns=("town", "sum"), weight=("weight", "sum")))
    villages["pusat_kec"] = villages.index.isin(kec["village"])
    kab = kec.sort_values(["towns", "weight"], ascending=False).groupby("kode_kab")[["lon", "lat"]].first()
    kec_of, kab_of = kec.loc[villages["kode_kec"]], kab.loc[villages["kode_kab"]]
    return pd.DataFrame({"kec_lon": kec_of["lon"].to_numpy(), "kec_lat": kec_of["lat"].to_numpy(),
                         "kab_lon": kab_of["lon"].to_numpy(), "kab_lat": kab_of["lat"].to_numpy()})


def _remoteness(rng, settlements, centres) -> np.ndarray:
    """0 (at the kecamatan and kabupaten centre) .. 1 (far from both), smooth in space."""
    c = centres.loc[settlements["village"]]
    lon, lat = settlements["lon"].to_numpy(), settlements["lat"].to_numpy()
    to_kec = distance_m(lon, lat, c["kec_lon"].to_numpy(), c["kec_lat"].to_numpy())
    to_kab = distance_m(lon, lat, c["kab_lon"].to_numpy(), c["kab_lat"].to_numpy())
    score = 0.55 * (1 - np.exp(-to_kec / 5000.0)) + 0.45 * (1 - np.exp(-to_kab / 25000.0))
    return np.clip(score + rng.normal(0.0, 0.05, len(score)), 0.0, 1.0)


def _place_special(rng, villages, geoms, settlements, centres, wanted: int, spec: Planted, taken: set):
    """Place ``wanted`` planted settlements, one per village, each well inside its village and
    away from other settlements; villages far from the centres are favoured."""
    far = distance_m(villages["lon0"].to_numpy(), villages["lat0"].to_numpy(),
                     centres["kec_lon"].to_numpy(), centres["kec_lat"].to_numpy())
    order = np.argsort(-rng.random(len(villages)) ** (1.0 / (0.5 + np.minimum(far / 10000.0, 1.5))))
    others = settlements[["lon", "lat"]].to_numpy()
    rows: list[dict] = []
    for v in order:
        if len(rows) == wanted:
            break
        if v in taken:
            continue
        radius = rng.uniform(*spec["radius_m"])
        lon0, lat0 = villages.at[v, "lon0"], villages.at[v, "lat0"]
        lon, lat = sample_inside(rng, geoms[v], 64)
        inner = interior_distance_m(geoms[v], lon, lat, lon0, lat0)
        minx, miny, maxx, maxy = np.array(geoms[v].bounds) + (-PAD_DEG, -PAD_DEG, PAD_DEG, PAD_DEG)
        near = others[(others[:, 0] > minx) & (others[:, 0] < maxx) & (others[:, 1] > miny) & (others[:, 1] < maxy)]
        clear = distance_m(near[None, :, 0], near[None, :, 1], lon[:, None], lat[:, None]).min(axis=1, initial=np.inf)
        ok = (inner >= radius + 150.0) & (clear >= radius + spec["clearance_m"])
        if not ok.any():
            continue
        best = int(np.argmax(np.where(ok, clear, -1.0)))
        taken.add(v)
        others = np.vstack([others, [lon[best], lat[best]]])
        rows.append({"village": v, "lon": lon[best], "lat": lat[best], "share": 0.0,
                     "sigma_m": radius / 2.0, "radius_m": radius, "size_u": rng.random()})
    return pd.DataFrame(rows, columns=["village", "lon", "lat", "share", "sigma_m", "radius_m", "size_u"])


def allocate(settlements: pd.DataFrame, villages: pd.DataFrame, households: int, seed: int) -> np.ndarray:
    """Households per settlement: planted ones sized by the sample scale, the rest spread over the
    normal settlements in proportion to village weight times settlement share."""
    rng = np.random.default_rng([seed, 2])
    scale = households / len(villages) / REFERENCE_PER_VILLAGE
    counts = np.zeros(len(settlements), dtype=np.int64)
    for kind, spec in (("kantong", POCKET), ("celah", GAP)):
        rows = settlements["kind"].eq(kind).to_numpy()
        low, high = spec["households"]
        size = np.round((low + settlements.loc[rows, "size_u"] * (high - low)) * scale)
        counts[rows] = np.clip(size, spec["floor"], high).astype(np.int64)
    remaining = households - int(counts.sum())
    if remaining < households / 2:
        raise ValueError(f"{households} rumah tangga terlalu sedikit untuk {len(villages)} desa")
    weight = villages["weight"].to_numpy()[settlements["village"]] * settlements["share"].to_numpy()
    counts += rng.multinomial(remaining, weight / weight.sum())
    return counts
