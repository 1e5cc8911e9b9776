"""Deterministic child measurements (posyandu, e-PPGBM-like) for the synthetic households.

Every toddler of ``households.csv`` (``jumlah_balita``) becomes a child of that family, weighed
and measured in the weighing months (February and August, the national bulan timbang) while
under five. Length-for-age depends on the household (desil 1-2, no safe water, no improved
sanitation lower it) plus a village effect; a few **planted villages** have a much lower mean, so
their stunting prevalence is high; a few villages have **no measurements** (some of them share
village counts instead: ``gizi_desa.csv``) and a few only **old** ones (data lama); a few rows
are **implausible** (a length or weight mistyped). Children link to their household by KK
(``no_kk`` = ``id_keluarga``) or, less often, only by the parent's NIK; some not at all.

Sizes are drawn around rough WHO medians (the generator only needs plausible values; Sasaran
computes the real z-scores with the WHO standard on import). ``children_truth.json`` lists the
planted villages, the ones without or with old data, and the implausible rows.
"""
import csv
import datetime as dt
import json
from pathlib import Path

import numpy as np

from spatial.codelists import AIR_MINUM_LAYAK, CHILD_COLUMNS, VILLAGE_GROWTH_COLUMNS
from spatial.codelists import FASILITAS_BAB_LAYAK, JENIS_KLOSET_LAYAK, PEMBUANGAN_TINJA_LAYAK

ROUNDS = (dt.date(2025, 8, 15), dt.date(2026, 2, 15), dt.date(2026, 8, 15))   # weighing months
OLD_ROUNDS = ROUNDS[:1]           # villages with data lama were last measured then
AGE_MONTHS = np.array([0, 3, 6, 9, 12, 18, 24, 36, 48, 60])
LENGTH_CM = np.array([49.5, 61.0, 66.8, 71.0, 74.8, 81.4, 87.1, 95.6, 102.9, 109.7])  # rough medians
WEIGHT_KG = np.array([3.25, 6.1, 7.6, 8.6, 9.3, 10.6, 11.9, 14.0, 16.0, 17.9])
PLANTED, WITHOUT_DATA, COUNTS_ONLY, OLD_DATA = 5, 6, 3, 4   # villages of each kind
IMPLAUSIBLE_SHARE = 0.001
FIRST_NAMES = ("Aisyah", "Bagas", "Citra", "Dimas", "Eka", "Fajar", "Gita", "Hafiz", "Intan", "Joko", "Kirana",
               "Lutfi", "Mega", "Naufal", "Okta", "Putri", "Rizky", "Salsa", "Tegar", "Umi", "Vino", "Wulan", "Yusuf",
               "Zahra")


def _layak(row: dict) -> tuple[bool, bool]:
    water = row["sumber_air_minum"] in AIR_MINUM_LAYAK
    sanitation = (row["fasilitas_bab"] in FASILITAS_BAB_LAYAK and row["jenis_kloset"] in JENIS_KLOSET_LAYAK
                  and row["pembuangan_tinja"] in PEMBUANGAN_TINJA_LAYAK)
    return water, sanitation


def _read_households(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["jumlah_balita"] not in ("", "0")]


def _choose_villages(toddlers: dict, rng) -> dict:
    """Planted high-prevalence villages among the quarter with the most toddlers (burden and
    evidence: a prevalence from 10 children says little), the others among the rest."""
    by_size = sorted(toddlers, key=lambda code: (-toddlers[code], code))
    large = rng.permutation(by_size[:max(PLANTED, len(by_size) // 4)]).tolist()
    chosen = {"tinggi": sorted(large[:PLANTED])}
    rest = rng.permutation([code for code in by_size if code not in chosen["tinggi"]]).tolist()
    chosen["tanpa_data"] = sorted(rest[:WITHOUT_DATA])
    chosen["lama"] = sorted(rest[WITHOUT_DATA:WITHOUT_DATA + OLD_DATA])
    chosen["agregat"] = chosen["tanpa_data"][:COUNTS_ONLY]
    return chosen


def write_children(households_csv: Path, out: Path, seed: int) -> dict:
    """Write ``children.csv``, ``gizi_desa.csv`` and ``children_truth.json`` into ``out``; returns counts."""
    rng = np.random.default_rng([seed, 23])
    households = _read_households(households_csv)
    toddlers: dict[str, int] = {}
    for row in households:
        toddlers[row["kode_desa"]] = toddlers.get(row["kode_desa"], 0) + int(row["jumlah_balita"])
    codes = sorted(toddlers)
    chosen = _choose_villages(toddlers, rng)
    village_effect = dict(zip(codes, rng.normal(0.0, 0.25, len(codes))))
    for code in chosen["tinggi"]:
        village_effect[code] -= 1.4
    truth = {"seed": seed, "desa_tinggi": chosen["tinggi"], "desa_tanpa_data": chosen["tanpa_data"],
             "desa_agregat": chosen["agregat"], "desa_data_lama": chosen["lama"], "tidak_wajar": []}
    rows, counted = [], {code: [0, 0] for code in chosen["agregat"]}
    for number, row in enumerate(households):
        code = row["kode_desa"]
        water, sanitation = _layak(row)
        desil = int(row["desil"] or 10)
        mean = -0.85 + village_effect[code] - 0.45 * (desil == 1) - 0.3 * (desil == 2) - 0.2 * (not water) \
            - 0.25 * (not sanitation)
        rounds = OLD_ROUNDS if code in chosen["lama"] else ROUNDS
        for child in range(int(row["jumlah_balita"])):
            child_id = f"ANK{code.replace('.', '')}{number:06d}{child}"
            born = ROUNDS[-1] - dt.timedelta(days=int(rng.integers(20, 1800)))
            sex = "L" if rng.random() < 0.51 else "P"
            haz, whz = rng.normal(mean, 1.0), rng.normal(-0.3, 0.9)
            link = rng.random()
            family = {"no_kk": row["id_keluarga"] if link < 0.7 else "",
                      "nik_ortu": row["nik_kepala"] if 0.6 < link < 0.92 else ""}
            name = f"{FIRST_NAMES[int(rng.integers(len(FIRST_NAMES)))]} {row['nama_kepala'].split(' ')[0].title()}"
            for when in rounds:
                days = (when - born).days
                if days < 0 or days > 1825 or rng.random() < 0.12:   # not born yet, too old, or absent
                    continue
                if code in chosen["agregat"]:
                    counted[code][0] += when == ROUNDS[-1]
                    counted[code][1] += when == ROUNDS[-1] and haz < -2
                    continue
                if code in chosen["tanpa_data"]:
                    continue
                measured = _sizes(days, sex, haz + rng.normal(0, 0.15), whz + rng.normal(0, 0.2), rng)
                if rng.random() < IMPLAUSIBLE_SHARE:
                    measured = _mistyped(measured, rng)
                    truth["tidak_wajar"].append(child_id)
                rows.append({"id_anak": child_id, "nik_anak": "", "nama_anak": name, "jenis_kelamin": sex,
                             "tanggal_lahir": born.isoformat(), "tanggal_ukur": when.isoformat(),
                             **measured, "kode_desa": code, "posyandu": f"Posyandu {code[-4:]}", **family})
    _write(out / "children.csv", CHILD_COLUMNS, rows)
    counts = [{"kode_desa": code, "periode": ROUNDS[-1].strftime("%Y-%m"), "diukur": n, "stunting": s,
               "sangat_pendek": "", "wasting": "", "balita": ""} for code, (n, s) in counted.items()]
    _write(out / "gizi_desa.csv", VILLAGE_GROWTH_COLUMNS, counts)
    (out / "children_truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return {"measurements": len(rows), "village_counts": len(counts)}


def _sizes(days: int, sex: str, haz: float, whz: float, rng) -> dict:
    """Length/height and weight from rough medians; lying below 2 years, standing after."""
    months = days / 30.4375
    boy = 1.0 if sex == "L" else -1.0
    median = np.interp(months, AGE_MONTHS, LENGTH_CM) + 0.35 * boy - (0.7 if days >= 731 else 0.0)
    length = median * (1 + 0.037 * haz)
    weight = np.interp(months, AGE_MONTHS, WEIGHT_KG) * (length / median) ** 2.3 * np.exp(0.09 * whz) \
        * (1.02 if sex == "L" else 0.98)
    return {"berat_kg": f"{weight:.1f}", "tinggi_cm": f"{length:.1f}",
            "cara_ukur": "terlentang" if days < 731 else "berdiri"}


def _mistyped(measured: dict, rng) -> dict:
    """A length or weight as a tired hand types it: digits swapped, a decimal point lost."""
    if rng.random() < 0.5:
        return {**measured, "tinggi_cm": f"{float(measured['tinggi_cm']) * 0.55:.1f}"}
    return {**measured, "berat_kg": f"{float(measured['berat_kg']) * 3.1:.1f}"}


def _write(path: Path, columns, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
