"""Dirty copy of the generated households for testing the importer: ~3% of the rows get exactly
one defect each, listed in ``dirty_truth.json`` (1-based data row, id_keluarga as written, the
importer's reason code, the expected outcome and the changed cells).

Rejected (identity and location): id_kosong, nik_tidak_valid, kode_desa_tidak_dikenal,
koordinat_di_luar_indonesia, id_ganda (a later copy of an earlier row), nik_ganda (a later row with
an earlier row's NIK). Kept with the attribute empty and a warning: kategori_tidak_valid (a value no
office writes), desil_di_luar_rentang, angka_tidak_valid. Fixed: koordinat_tertukar (the
swapped-back point lies in the declared village). Kept but flagged: lokasi_meragukan (in Indonesia,
more than 5 km outside the declared village). Accepted: valid_variant (decimal comma, upper case,
another office's spelling of a code-list value).
"""
import csv
import json
from pathlib import Path

import numpy as np
import shapely

from spatial.codelists import HOUSEHOLD_COLUMNS
from spatial.synthetic.geo import offset, outside_distance_m

DIRTY_SHARE = 0.03
COLUMN = {name: i for i, name in enumerate(HOUSEHOLD_COLUMNS)}
OUTCOME = {"koordinat_tertukar": "diperbaiki", "lokasi_meragukan": "ditandai", "valid_variant": "diterima",
           "kategori_tidak_valid": "dikosongkan", "desil_di_luar_rentang": "dikosongkan",
           "angka_tidak_valid": "dikosongkan"}
SPELLINGS = (("jenis_atap", "Genting"), ("sumber_air_minum", "sumur bor"), ("jenis_dinding", "tembok bata"),
             ("jenis_lantai", "semen"))
UNKNOWN_VALUES = (("jenis_atap", "ilalang kering"), ("sumber_air_minum", "air gunung"),
                  ("jenis_dinding", "seng bekas"))
NUMBER_WORDS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
FAR_M = 6000.0   # a doubtful point lies at least this far outside its declared village
INDONESIA = (-11.5, 6.5, 94.5, 141.5)   # lat min/max, lon min/max: the importer's bounding box


def write_dirty(clean_path: Path, dirty_path: Path, truth_path: Path, villages, geoms, seed: int) -> int:
    """Write the dirty copy of ``clean_path`` and its truth; returns the number of dirty rows.

    Untouched lines are copied as they are; only the dirty rows and their sources are parsed."""
    rng = np.random.default_rng([seed, 5])
    located, half_area = _scan(clean_path)
    plan = _plan(rng, located, half_area)
    sources = {j: _clean_before(rng, j, plan) for j, defect in sorted(plan.items()) if defect in SOURCED}
    context = {"rng": rng, "anchors": villages[["lon0", "lat0"]].to_numpy(), "geoms": geoms,
               "tree": shapely.STRtree(geoms), "index": {code: i for i, code in enumerate(villages["kode_desa"])},
               "rows": {}}
    keep, truth = set(sources.values()), []
    with open(clean_path, newline="", encoding="utf-8") as src, \
            open(dirty_path, "w", newline="", encoding="utf-8") as dst:
        writer = csv.writer(dst, lineterminator="\n")
        dst.write(next(src))
        for j, line in enumerate(src):
            if j in keep:
                context["rows"][j] = _cells(line)
            if j not in plan:
                dst.write(line)
                continue
            row = _cells(line)
            changes = DEFECTS[plan[j]](row, context, sources.get(j))
            for column, value in changes.items():
                row[COLUMN[column]] = value
            writer.writerow(row)
            reason = REASON.get(plan[j], plan[j])
            truth.append({"row": j + 1, "id_keluarga": row[COLUMN["id_keluarga"]], "reason": reason,
                          "outcome": OUTCOME.get(reason, "ditolak"), "changes": changes})
    _write_truth(truth_path, truth, seed)
    return len(truth)


def _write_truth(path: Path, truth: list, seed: int) -> None:
    """dirty_truth.json: seed, counts per reason, then one dirty row per line."""
    counts = {reason: 0 for reason in dict.fromkeys(REASON.get(name, name) for name in DEFECTS)}
    for entry in truth:
        counts[entry["reason"]] += 1
    head = json.dumps({"seed": seed, "counts": counts}, ensure_ascii=False)[:-1]
    rows = ",\n  ".join(json.dumps(entry, ensure_ascii=False) for entry in truth)
    path.write_text(f'{head}, "rows": [\n  {rows}\n]}}\n', encoding="utf-8")


def _cells(line: str) -> list:
    """The cells of one CSV line (the clean file quotes nothing, so a split suffices)."""
    if '"' in line:
        return next(csv.reader([line]))
    return line.rstrip("\r\n").split(",")


def _scan(path: Path):
    """Per data row: has coordinates; floor area written with a half (``36.5``)."""
    located, half_area = [], []
    with open(path, newline="", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            row = _cells(line)
            located.append(row[COLUMN["latitude"]] != "")
            half_area.append(row[COLUMN["luas_lantai_m2"]].endswith(".5"))
    return np.array(located), np.array(half_area)


def _plan(rng, located: np.ndarray, half_area: np.ndarray) -> dict[int, str]:
    """Row (0-based) -> defect name: about DIRTY_SHARE of the rows, every defect at least twice."""
    n = len(located)
    eligible = {"koordinat_di_luar_indonesia": located, "koordinat_tertukar": located, "lokasi_meragukan": located,
                "koma_desimal": half_area}
    names = list(DEFECTS)
    per_defect = max(2, round(n * DIRTY_SHARE / len(names)))
    order, taken = rng.permutation(n), np.zeros(n, dtype=bool)
    plan: dict[int, str] = {}
    for name in names:
        ok = eligible.get(name, np.ones(n, dtype=bool)) & ~taken
        if name in SOURCED:
            ok[:2] = False  # needs an earlier clean row
        rows = order[ok[order]][:per_defect]
        taken[rows] = True
        plan |= {int(j): name for j in rows}
    return plan


def _clean_before(rng, j: int, plan: dict) -> int:
    """A random row before ``j`` without a defect (to be duplicated)."""
    while True:
        i = int(rng.integers(j))
        if i not in plan:
            return i


def _missing_id(row, context, source):
    return {"id_keluarga": ""}


def _bad_nik(row, context, source):
    nik = row[COLUMN["nik_kepala"]]
    variants = (nik[:15], nik[:6] + "O" + nik[7:], f"{int(nik):.5E}")  # short, letter O, Excel notation
    return {"nik_kepala": variants[context["rng"].integers(len(variants))]}


def _unknown_village(row, context, source):
    return {"kode_desa": row[COLUMN["kode_desa"]][:5] + ".99.9999"}


def _other_spelling(row, context, source):
    column, value = SPELLINGS[context["rng"].integers(len(SPELLINGS))]
    return {column: value}


def _unknown_value(row, context, source):
    column, value = UNKNOWN_VALUES[context["rng"].integers(len(UNKNOWN_VALUES))]
    return {column: value}


def _desil_out_of_range(row, context, source):
    return {"desil": ("0", "11")[context["rng"].integers(2)]}


def _number_as_word(row, context, source):
    return {"jumlah_anggota": NUMBER_WORDS[int(row[COLUMN["jumlah_anggota"]])]}


def _outside_indonesia(row, context, source):
    if context["rng"].random() < 0.5:
        return {"latitude": f"{40 + context['rng'].random():.6f}"}
    return {"latitude": "0", "longitude": "0"}


def _swapped(row, context, source):
    return {"latitude": row[COLUMN["longitude"]], "longitude": row[COLUMN["latitude"]]}


def _doubtful(row, context, source):
    """Move the point 8-20 km (more in a large village) until it lies over FAR_M outside its
    village, in Indonesia, preferably inside another village."""
    v, rng = context["index"][row[COLUMN["kode_desa"]]], context["rng"]
    lon0, lat0 = context["anchors"][v]
    lon, lat = float(row[COLUMN["longitude"]]), float(row[COLUMN["latitude"]])
    for scale in (1, 2, 4, 8):
        angle, reach = rng.uniform(0, 2 * np.pi, 24), rng.uniform(8000, 20000, 24) * scale
        x, y = offset(lon, lat, reach * np.cos(angle), reach * np.sin(angle))
        ok = (outside_distance_m(context["geoms"][v], x, y, lon0, lat0) > FAR_M) \
            & (y > INDONESIA[0]) & (y < INDONESIA[1]) & (x > INDONESIA[2]) & (x < INDONESIA[3])
        if ok.any():
            break
    landed = np.zeros(len(x), dtype=bool)
    landed[np.unique(context["tree"].query(shapely.points(x, y), predicate="within")[0])] = True
    pick = int(np.argmax(ok * (1 + landed)))
    return {"latitude": f"{y[pick]:.6f}", "longitude": f"{x[pick]:.6f}"}


def _duplicate_id(row, context, source):
    """The whole earlier row again (a family card entered twice)."""
    earlier = context["rows"][source]
    return {c: value for c, value in zip(HOUSEHOLD_COLUMNS, earlier) if value != row[COLUMN[c]]}


def _duplicate_nik(row, context, source):
    return {"nik_kepala": context["rows"][source][COLUMN["nik_kepala"]]}


def _decimal_comma(row, context, source):
    return {"luas_lantai_m2": row[COLUMN["luas_lantai_m2"]].replace(".", ",")}


def _upper_case(row, context, source):
    return {"jenis_atap": row[COLUMN["jenis_atap"]].upper()}


DEFECTS = {
    "id_kosong": _missing_id, "nik_tidak_valid": _bad_nik, "kode_desa_tidak_dikenal": _unknown_village,
    "kategori_tidak_valid": _unknown_value, "desil_di_luar_rentang": _desil_out_of_range,
    "angka_tidak_valid": _number_as_word, "koordinat_di_luar_indonesia": _outside_indonesia,
    "koordinat_tertukar": _swapped, "lokasi_meragukan": _doubtful, "id_ganda": _duplicate_id,
    "nik_ganda": _duplicate_nik, "koma_desimal": _decimal_comma, "huruf_besar": _upper_case,
    "ejaan_lain": _other_spelling,
}
SOURCED = ("id_ganda", "nik_ganda")
REASON = {"koma_desimal": "valid_variant", "huruf_besar": "valid_variant",  # defect name -> reason code
          "ejaan_lain": "valid_variant"}
