"""Facilities of the synthetic registry: water points and sanitation near most settlements, one
posyandu per village, one puskesmas per kecamatan, some pustu and schools.

Planted service gaps get one broken water point and one broken MCK, and every working water or
sanitation facility within ``GAP_CLEARANCE_M`` of the gap's edge is made ``tidak berfungsi``.
"""
import numpy as np
import pandas as pd

from spatial.codelists import FACILITY_TYPES, KONDISI_BERFUNGSI, KONDISI_FASILITAS
from spatial.synthetic.geo import distance_m, scatter
from spatial.synthetic.names import dusun_name

GAP_CLEARANCE_M = 1050.0
BROKEN = tuple(k for k in KONDISI_FASILITAS if k not in KONDISI_BERFUNGSI)
KONDISI = {"layanan": (0.60, 0.22, 0.10, 0.08), "lain": (0.75, 0.18, 0.05, 0.02)}  # order of KONDISI_FASILITAS
TYPES = {  # group -> (types, probabilities in a desa, in a kelurahan)
    "air": (("sumur_bor", "hidran_umum", "spam"), (0.55, 0.30, 0.15), (0.20, 0.30, 0.50)),
    "sanitasi": (("mck_komunal", "ipal_komunal"), (0.92, 0.08), (0.70, 0.30)),
}
PRESENCE = {"air": 0.93, "sanitasi": 0.9}   # chance a settlement has one (density 1)
CAPACITY = {"sumur_bor": (30, 80), "hidran_umum": (50, 150), "spam": (200, 800), "mck_komunal": (20, 60),
            "ipal_komunal": (100, 400), "posyandu": (80, 250), "puskesmas": (3000, 12000),
            "pustu": (400, 1500), "sekolah": (100, 400)}
LABELS = {"sumur_bor": "Sumur Bor", "hidran_umum": "Hidran Umum", "spam": "SPAM", "mck_komunal": "MCK Komunal",
          "ipal_komunal": "IPAL Komunal"}
POSYANDU = ("Melati", "Mawar", "Anggrek", "Kenanga", "Cempaka", "Dahlia", "Flamboyan", "Teratai")


def make_facilities(villages: pd.DataFrame, geoms, settlements: pd.DataFrame, seed: int,
                    density: float = 1.0) -> pd.DataFrame:
    """All facilities with FACILITY_COLUMNS (lon/lat as floats), ordered by village and id."""
    rng = np.random.default_rng([seed, 3])
    table = pd.DataFrame(_service_points(rng, villages, settlements, density)
                         + _village_services(rng, villages, settlements, density),
                         columns=["settlement", "jenis", "broken"])
    table["village"] = settlements["village"].to_numpy()[table["settlement"]]
    table = table.sort_values(["village", "settlement"], kind="stable").reset_index(drop=True)
    table["kondisi"] = _condition(rng, table)
    table["lon"], table["lat"] = _locate(rng, table, geoms, settlements)
    _silence_near_gaps(table, settlements)
    return _describe(rng, table, villages, settlements)


def _pick(rng, group: str, town: bool) -> str:
    types, desa, kelurahan = TYPES[group]
    return types[rng.choice(len(types), p=kelurahan if town else desa)]


def _service_points(rng, villages, settlements, density: float) -> list:
    """(settlement, jenis, broken) water points and sanitation facilities near settlements."""
    rows = []
    town = villages["jenis"].eq("kelurahan").to_numpy()[settlements["village"]]
    for s, (kind, share) in enumerate(zip(settlements["kind"], settlements["share"])):
        for group, presence in PRESENCE.items():
            if kind == "celah":
                rows.append((s, _pick(rng, group, town[s]), True))
                continue
            extra = (0.3 + 0.6 * share) * density + max(density - 1, 0)
            count = int(rng.random() < min(presence * density, 1.0)) + rng.poisson(extra)
            rows += [(s, _pick(rng, group, town[s]), False) for _ in range(count)]
    return rows


def _village_services(rng, villages, settlements, density: float) -> list:
    """(settlement, jenis, broken) posyandu, puskesmas, pustu and schools of every village."""
    rows = []
    for v, group in settlements.reset_index().groupby("village"):
        main = int(group["index"].iloc[0])
        rows.append((main, "posyandu", False))
        if villages.at[v, "pusat_kec"]:
            rows.append((main, "puskesmas", False))
        elif rng.random() < 0.3:
            rows.append((main, "pustu", False))
        normal = group[group["share"] > 0]
        schools = 1 + rng.poisson(0.4 * density * (len(normal) - 1))
        hosts = rng.choice(normal["index"].to_numpy(), schools, p=normal["share"] / normal["share"].sum())
        rows += [(int(s), "sekolah", False) for s in hosts]
    return rows


def _condition(rng, table) -> np.ndarray:
    """Kondisi: water/sanitation break more often; planted broken ones are rusak berat or tidak berfungsi."""
    service = table["jenis"].map(FACILITY_TYPES).isin(TYPES).to_numpy()
    kondisi = np.where(service, rng.choice(KONDISI_FASILITAS, len(table), p=KONDISI["layanan"]),
                       rng.choice(KONDISI_FASILITAS, len(table), p=KONDISI["lain"]))
    return np.where(table["broken"], rng.choice(BROKEN, len(table)), kondisi)


def _locate(rng, table, geoms, settlements):
    """Points 0-350 m from their settlement's centre, inside the village."""
    lon, lat = np.empty(len(table)), np.empty(len(table))
    centre_lon, centre_lat = settlements["lon"].to_numpy(), settlements["lat"].to_numpy()
    for v, rows in table.groupby("village").indices.items():
        s = table["settlement"].to_numpy()[rows]
        lon[rows], lat[rows] = scatter(rng, geoms[v], centre_lon[s], centre_lat[s], 150.0, 350.0)
    return lon, lat


def _silence_near_gaps(table, settlements) -> None:
    """Working water and sanitation facilities near a gap become ``tidak berfungsi``."""
    service = table["jenis"].map(FACILITY_TYPES).isin(TYPES).to_numpy()
    lon, lat = table["lon"].to_numpy(), table["lat"].to_numpy()
    for gap in settlements[settlements["kind"] == "celah"].itertuples():
        near = distance_m(lon, lat, gap.lon, gap.lat) <= gap.radius_m + GAP_CLEARANCE_M
        working = table["kondisi"].isin(KONDISI_BERFUNGSI).to_numpy()
        table.loc[near & working & service, "kondisi"] = "tidak berfungsi"


def _describe(rng, table, villages, settlements) -> pd.DataFrame:
    """Ids, names and capacities; returns the facility columns."""
    v = table["village"].to_numpy()
    code = villages["kode_desa"].str.replace(".", "", regex=False).to_numpy()[v]
    serial = table.groupby("village").cumcount().to_numpy() + 1
    town = villages["jenis"].eq("kelurahan").to_numpy()[v]
    dusun = settlements["dusun"].to_numpy()[table["settlement"]]
    nama_desa, nama_kec = villages["nama_desa"].to_numpy()[v], villages["nama_kec"].to_numpy()[v]
    school_number = table["jenis"].eq("sekolah").groupby(villages["kode_kec"].to_numpy()[v]).cumsum().to_numpy()
    names = []
    for i, jenis in enumerate(table["jenis"]):
        if jenis in LABELS:
            names.append(f"{LABELS[jenis]} {dusun_name(dusun[i], town[i])} {nama_desa[i]}")
        elif jenis == "posyandu":
            names.append(f"Posyandu {POSYANDU[rng.integers(len(POSYANDU))]} {nama_desa[i]}")
        elif jenis == "puskesmas":
            names.append(f"Puskesmas {nama_kec[i]}")
        elif jenis == "pustu":
            names.append(f"Pustu {nama_desa[i]}")
        else:
            names.append(f"SD Negeri {school_number[i]} {nama_kec[i]}")
    low, high = np.array([CAPACITY[j] for j in table["jenis"]]).T
    return pd.DataFrame({
        "id_fasilitas": [f"FAS{c}-{s:03d}" for c, s in zip(code, serial)],
        "jenis": table["jenis"], "nama": names, "kode_desa": villages["kode_desa"].to_numpy()[v],
        "latitude": table["lat"], "longitude": table["lon"], "kondisi": table["kondisi"],
        "kapasitas_kk": (rng.integers(low, high + 1) // 5 * 5).astype(np.int64),
    })
