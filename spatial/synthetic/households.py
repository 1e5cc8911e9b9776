"""Households of one village for the synthetic registry: location, welfare, house and services.

Welfare comes from a latent logistic score per household whose mean falls with the settlement's
remoteness, so the share of desil 1-2 is modest and smooth in space; planted pockets get a very low
mean. House materials follow welfare and remoteness; home water and sanitation follow welfare and
remoteness too, except in planted service gaps where both are mostly not layak.
"""
import numpy as np

from spatial.codelists import (
    AIR_MINUM_LAYAK, FASILITAS_BAB, FASILITAS_BAB_LAYAK, JENIS_ATAP, JENIS_DINDING, JENIS_KLOSET, JENIS_KLOSET_LAYAK,
    JENIS_LANTAI, PEMBUANGAN_TINJA, PEMBUANGAN_TINJA_LAYAK, STATUS_RUMAH, SUMBER_AIR_MINUM, SUMBER_PENERANGAN,
)
from spatial.synthetic.geo import scatter
from spatial.synthetic.names import dusun_name, first_names, second_names

REFERENCE_YEAR = 2025
MISSING_COORDINATES = 0.02
AID_YEARS = (2015, 2026)
SIZE_PROBABILITIES = (0.08, 0.16, 0.22, 0.24, 0.15, 0.08, 0.04, 0.02, 0.01)  # 1..9 members, mean 3.78
POCKET_MEAN = -3.5        # latent welfare mean in a pocket: ~89% desil 1-2
DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
RT_SIZE = 25              # households per RT


def _probabilities(codes: tuple, weights: dict) -> np.ndarray:
    """Probability vector over ``codes`` from {code: weight} (codes not named get 0)."""
    unknown = set(weights) - set(codes)
    if unknown:
        raise ValueError(f"not in the code list: {sorted(unknown)}")
    vector = np.array([weights.get(code, 0.0) for code in codes])
    return vector / vector.sum()


def _mix(codes, good: dict, bad: dict) -> tuple:
    return codes, _probabilities(codes, good), _probabilities(codes, bad)


# (code list, distribution of a well-off household, distribution of a deprived one).
HOUSE = {
    "jenis_atap": _mix(JENIS_ATAP, {"beton": 5, "genteng": 55, "seng": 30, "asbes": 9, "lainnya": 1},
                       {"genteng": 4, "seng": 46, "asbes": 2, "kayu/sirap": 14, "bambu": 10,
                        "jerami/ijuk/daun/rumbia": 23, "lainnya": 1}),
    "jenis_dinding": _mix(JENIS_DINDING,
                          {"tembok": 88, "plesteran anyaman bambu/kawat": 2, "kayu/papan": 9, "lainnya": 1},
                          {"tembok": 4, "plesteran anyaman bambu/kawat": 5, "kayu/papan": 35, "anyaman bambu": 31,
                           "batang kayu": 8, "bambu": 16, "lainnya": 1}),
    "jenis_lantai": _mix(JENIS_LANTAI, {"marmer/granit": 3, "keramik": 60, "parket/vinil/karpet": 2,
                                        "ubin/tegel/teraso": 10, "kayu/papan": 3, "semen/bata merah": 22},
                         {"keramik": 2, "ubin/tegel/teraso": 1, "kayu/papan": 25, "semen/bata merah": 16,
                          "bambu": 10, "tanah": 45, "lainnya": 1}),
    "sumber_penerangan": _mix(SUMBER_PENERANGAN, {"listrik pln meteran": 97, "listrik pln tanpa meteran": 2,
                                                  "listrik non-pln": 1},
                              {"listrik pln meteran": 50, "listrik pln tanpa meteran": 22, "listrik non-pln": 16,
                               "bukan listrik": 12}),
}
WATER = {
    "sumber_air_minum": _mix(SUMBER_AIR_MINUM, {"air kemasan": 5, "air isi ulang": 30, "ledeng": 15,
                                                "sumur bor/pompa": 22, "sumur terlindung": 20,
                                                "sumur tak terlindung": 2, "mata air terlindung": 4,
                                                "mata air tak terlindung": 1, "air hujan": 1},
                             {"air isi ulang": 4, "sumur bor/pompa": 2, "sumur terlindung": 10,
                              "sumur tak terlindung": 32, "mata air terlindung": 5, "mata air tak terlindung": 22,
                              "air sungai/danau": 20, "air hujan": 3, "lainnya": 2}),
}
SANITATION = {
    "fasilitas_bab": _mix(FASILITAS_BAB, {"sendiri": 88, "bersama": 6, "mck komunal": 3, "umum": 2, "tidak ada": 1},
                          {"sendiri": 30, "bersama": 15, "mck komunal": 5, "umum": 15, "tidak ada": 35}),
    "jenis_kloset": _mix(JENIS_KLOSET, {"leher angsa": 92, "plengsengan dengan tutup": 4,
                                        "plengsengan tanpa tutup": 2, "cemplung/cubluk": 2},
                         {"leher angsa": 18, "plengsengan dengan tutup": 12, "plengsengan tanpa tutup": 20,
                          "cemplung/cubluk": 50}),
    "pembuangan_tinja": _mix(PEMBUANGAN_TINJA, {"tangki septik": 85, "ipal": 3, "kolam/sawah/sungai/danau/laut": 4,
                                                "lubang tanah": 7, "lainnya": 1},
                             {"tangki septik": 15, "kolam/sawah/sungai/danau/laut": 30, "lubang tanah": 40,
                              "pantai/tanah lapang/kebun": 12, "lainnya": 3}),
}
NO_TOILET_DISPOSAL = _probabilities(PEMBUANGAN_TINJA,
                                    {"kolam/sawah/sungai/danau/laut": 1, "pantai/tanah lapang/kebun": 1})
STATUS = _probabilities(STATUS_RUMAH,
                        {"milik sendiri": 82, "kontrak/sewa": 6, "bebas sewa": 9, "dinas": 1, "lainnya": 2})
AIDED_HOUSE = {"jenis_dinding": JENIS_DINDING.index("tembok"), "jenis_lantai": JENIS_LANTAI.index("semen/bata merah"),
               "jenis_atap": JENIS_ATAP.index("seng")}


def _choose(u: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """One index per row of a (rows x codes) probability matrix, by the uniform draws ``u``."""
    cumulative = probabilities.cumsum(axis=1)
    pick = (u[:, None] * cumulative[:, -1:] > cumulative).sum(axis=1)
    return np.minimum(pick, probabilities.shape[1] - 1)


def _categories(rng, table: dict, deprivation: np.ndarray, coherence: float) -> dict:
    """Category indices drawn between the well-off and the deprived distribution of each column.

    Code lists run from better to worse, so sharing one uniform draw across the columns of a table
    (for a ``coherence`` share of households) makes e.g. a goose-neck toilet go with a septic tank."""
    n = len(deprivation)
    shared = rng.random(n)
    out = {}
    for column, (_, good, bad) in table.items():
        u = np.where(rng.random(n) < coherence, shared, rng.random(n))
        out[column] = _choose(u, (1 - deprivation)[:, None] * good + deprivation[:, None] * bad)
    return out


def _fixed(rng, probabilities: np.ndarray, n: int) -> np.ndarray:
    """``n`` indices drawn from one probability vector."""
    return rng.choice(len(probabilities), n, p=probabilities)


def _rank_within(groups: np.ndarray, order_key: np.ndarray) -> np.ndarray:
    """0-based rank of each element within its group, ordered by ``order_key``."""
    order = np.lexsort((order_key, groups))
    sorted_groups = groups[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_groups)) + 1]
    first = np.repeat(starts, np.diff(np.r_[starts, len(groups)]))
    rank = np.empty(len(groups), dtype=np.int64)
    rank[order] = np.arange(len(groups)) - first
    return rank


def _welfare(rng, settle, member: np.ndarray) -> np.ndarray:
    """Desil 1..10 from a latent logistic score; pockets use stratified draws (steady poor share)."""
    mean = 1.5 - 1.9 * settle["remoteness"] + rng.normal(0.0, 0.25, len(settle["remoteness"]))
    pocket = settle["kind"] == "kantong"
    mean[pocket] = POCKET_MEAN
    u = rng.random(len(member))
    for s in np.flatnonzero(pocket):
        rows = np.flatnonzero(member == s)
        u[rows] = (rng.permutation(rows.size) + rng.random(rows.size)) / rows.size
    u = np.clip(u, 1e-9, 1 - 1e-9)
    score = mean[member] + np.log(u / (1 - u))
    return np.clip(1 + np.floor(10 / (1 + np.exp(-score))), 1, 10).astype(np.int64)


def _people(rng, poverty: np.ndarray) -> dict:
    """Household size, children under five, elderly, disability, head's sex and age."""
    n = len(poverty)
    size = 1 + _fixed(rng, np.array(SIZE_PROBABILITIES), n)
    size = np.minimum(size + (rng.random(n) < 0.2 * poverty), 9)
    balita = np.minimum(rng.binomial(size - 1, 0.15), 3)
    age = np.clip(np.round(rng.normal(46.0, 13.0, n)), 18, 90).astype(np.int64)
    elderly_head = age >= 60
    female = rng.random(n) < 0.09 + 0.15 * elderly_head + 0.35 * (size == 1)
    return {"jumlah_anggota": size, "jumlah_balita": balita, "age": age, "kepala_perempuan": female,
            "ada_lansia": elderly_head | (rng.random(n) < 0.12),
            "ada_disabilitas": rng.random(n) < 0.03 + 0.04 * poverty}


def _floor_area(rng, size: np.ndarray, poverty: np.ndarray) -> np.ndarray:
    """Floor area in m2 (whole or half square metres): cramped below 7.2 m2 a person when poor."""
    per_person = rng.lognormal(np.log(6.5 + 12.0 * (1 - poverty)), 0.35)
    area = np.maximum(size * per_person, 6.0)
    return np.where(rng.random(len(size)) < 0.2, np.round(area * 2) / 2, np.round(area))


def _nik(rng, kec6: int, people: dict, counter: np.ndarray) -> np.ndarray:
    """16-digit NIK: kecamatan code, birth date DDMMYY (day + 40 for women), 4-digit serial.

    ``counter`` counts NIKs already issued in the kecamatan per birth-date code."""
    n = len(people["age"])
    month = rng.integers(1, 13, n)
    day = 1 + np.floor(rng.random(n) * DAYS_IN_MONTH[month - 1]).astype(np.int64) + 40 * people["kepala_perempuan"]
    year = (REFERENCE_YEAR - people["age"]) % 100
    key = (day - 1) * 1200 + (month - 1) * 100 + year
    serial = counter[key] + _rank_within(key, np.arange(n)) + 1
    if serial.max(initial=0) > 9999:
        raise ValueError("more than 9,999 heads born on one day in one kecamatan: NIK serial overflow")
    np.add.at(counter, key, 1)
    return kec6 * 10**10 + (day * 10000 + month * 100 + year) * 10**4 + serial


def _names(rng, female: np.ndarray) -> np.ndarray:
    """Fake names of the heads: one or two given names, upper case as on family cards."""
    n = len(female)
    first = np.where(female, rng.choice(first_names("P"), n), rng.choice(first_names("L"), n))
    second = np.where(female, rng.choice(second_names("P"), n), rng.choice(second_names("L"), n))
    return np.where(rng.random(n) < 0.75, first + " " + second, first)


def _addresses(settle, member: np.ndarray, lon: np.ndarray, town: bool) -> np.ndarray:
    """``Dusun II RT 003/RW 002``: RW is the dusun, RT blocks of ~25 neighbouring houses."""
    dusun = settle["dusun"][member]
    rt = 1 + _rank_within(member, lon) // RT_SIZE
    return np.array([f"{dusun_name(d, town)} RT {r:03d}/RW {d:03d}" for d, r in zip(dusun, rt)], dtype=object)


def village_households(rng, village, geom, settle, counts: np.ndarray, counter: np.ndarray) -> dict:
    """All households of one village as arrays (category columns as code-list indices, -1 empty),
    in registry order. ``settle`` holds the village's settlements as arrays by layout column;
    ``member`` gives each household's settlement (position in those arrays)."""
    member = np.repeat(np.arange(len(counts)), counts)
    limit = np.nan_to_num(settle["radius_m"], nan=np.inf)[member]
    lon, lat = scatter(rng, geom, settle["lon"][member], settle["lat"][member], settle["sigma_m"][member], limit)
    desil = _welfare(rng, settle, member)
    poverty = (10 - desil) / 9.0
    rows = {"member": member, "lon": lon, "lat": lat, "desil": desil} | _people(rng, poverty)
    rows["luas_lantai_m2"] = _floor_area(rng, rows["jumlah_anggota"], poverty)
    rows |= _dwelling(rng, settle, member, poverty)
    rows["nik_kepala"] = _nik(rng, int(village.kode_desa[:8].replace(".", "")), rows, counter)
    rows["nama_kepala"] = _names(rng, rows["kepala_perempuan"])
    rows["alamat"] = _addresses(settle, member, lon, village.jenis == "kelurahan")
    return _registry_order(rng, rows, village.kode_desa)


def _dwelling(rng, settle, member: np.ndarray, poverty: np.ndarray) -> dict:
    """House materials, lighting, home water and sanitation, tenure and house-repair aid.

    Deprivation grows with poverty and remoteness; pockets are RTLH-like; in service gaps water
    and sanitation are drawn fully deprived."""
    n = len(member)
    remote = settle["remoteness"][member]
    pocket = settle["kind"][member] == "kantong"
    gap = settle["kind"][member] == "celah"
    house = np.clip(0.6 * poverty + 0.35 * remote - 0.1 + rng.normal(0, 0.1, n), 0, 1)
    house[pocket] = np.clip(0.93 + rng.normal(0, 0.04, pocket.sum()), 0, 1)
    services = 0.3 * poverty + 0.35 * remote + rng.normal(0, 0.1, n)
    rows = _categories(rng, HOUSE, house, 0.6)
    rows |= _categories(rng, WATER, np.where(gap, 1.0, np.clip(services - 0.12, 0, 1)), 0.0)
    rows |= _categories(rng, SANITATION, np.where(gap, 1.0, np.clip(services - 0.22, 0, 1)), 0.85)
    no_toilet = rows["fasilitas_bab"] == FASILITAS_BAB.index("tidak ada")
    rows["jenis_kloset"][no_toilet] = -1
    rows["pembuangan_tinja"][no_toilet] = _fixed(rng, NO_TOILET_DISPOSAL, int(no_toilet.sum()))
    rows["status_rumah"] = _fixed(rng, STATUS, n)
    aided = (rng.random(n) < 0.015 + 0.07 * poverty) & ~pocket
    rows["tahun_bantuan_rumah"] = np.where(aided, rng.integers(AID_YEARS[0], AID_YEARS[1] + 1, n), 0)
    for column, improved in AIDED_HOUSE.items():
        rows[column][aided & (rng.random(n) < 0.8)] = improved
    return rows


def _registry_order(rng, rows: dict, kode_desa: str) -> dict:
    """Hide ~2% of the coordinates, shuffle into registry order, number the family cards and add
    the village code."""
    n = len(rows["member"])
    hidden = rng.random(n) < MISSING_COORDINATES
    rows["lon"], rows["lat"] = np.where(hidden, np.nan, rows["lon"]), np.where(hidden, np.nan, rows["lat"])
    order = rng.permutation(n)
    rows = {key: value[order] for key, value in rows.items()}
    code = kode_desa.replace(".", "")
    rows["id_keluarga"] = np.array([f"KK{code}-{i:06d}" for i in range(1, n + 1)], dtype=object)
    rows["kode_desa"] = np.full(n, kode_desa, dtype=object)
    return rows


def home_services_layak(rows: dict) -> tuple[np.ndarray, np.ndarray]:
    """(safe drinking water, improved sanitation) per household, by the BPS definitions."""
    def one_of(column, codes, allowed):
        return np.isin(rows[column], [codes.index(c) for c in allowed])
    water = one_of("sumber_air_minum", SUMBER_AIR_MINUM, AIR_MINUM_LAYAK)
    sanitation = (one_of("fasilitas_bab", FASILITAS_BAB, FASILITAS_BAB_LAYAK)
                  & one_of("jenis_kloset", JENIS_KLOSET, JENIS_KLOSET_LAYAK)
                  & one_of("pembuangan_tinja", PEMBUANGAN_TINJA, PEMBUANGAN_TINJA_LAYAK))
    return water, sanitation
