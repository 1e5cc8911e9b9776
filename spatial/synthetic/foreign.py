"""A "foreign office" copy of the generated registry: the same households and facilities with the
code-list values spelled as other offices write them (case and spacing, the questionnaire's answer
numbers, ``3. Seng``, synonyms, one component of a compound entry, components in another order,
yes/no as ``Ya``/``2``), plus a few values no office's list has (``UNKNOWN``; never for a
facility's jenis, which a facility cannot do without), listed in
``foreign_truth.json`` (1-based data row, column, value written). Everything else is unchanged, so
an import of the foreign file must store exactly what the clean file stores, except that each
unknown value leaves its attribute empty with a warning.
"""
import csv
import json
from pathlib import Path

import numpy as np

from spatial.codelists import FACILITY_COLUMNS, HOUSEHOLD_COLUMNS
from spatial.vocabulary import COLUMNS, code_list

RESPELL_SHARE = 0.6      # share of code-list cells written another way
UNKNOWN_SHARE = 0.002    # share of code-list cells holding a value no list has
UNKNOWN = {"jenis_atap": "atap campuran", "jenis_dinding": "dinding darurat", "jenis_lantai": "lantai panggung",
           "fasilitas_bab": "numpang tetangga", "jenis_kloset": "kloset darurat", "pembuangan_tinja": "dibuang ke got",
           "sumber_air_minum": "air gunung", "sumber_penerangan": "aki", "status_rumah": "rumah adat",
           "ada_lansia": "mungkin", "ada_disabilitas": "belum diperiksa", "kepala_perempuan": "lk",
           "kondisi": "perlu dicek"}


def spellings(name: str) -> dict:
    """Entry -> the other ways an office may write it (all recognised by spatial.vocabulary)."""
    vocabulary = code_list(name)
    numbers: dict[str, int] = {}
    for number, entry in sorted(vocabulary.codes.items()):
        numbers.setdefault(entry, number)
    ways: dict[str, list[str]] = {}
    for entry in vocabulary.entries:
        written = [entry.upper(), f"  {entry.title()} ", entry.replace("/", " / "), entry.replace(" ", "_")]
        if "/" in entry:
            written.append("/".join(reversed(entry.split("/"))))
        if entry in numbers:
            written += [str(numbers[entry]), f"{numbers[entry]}. {entry.title()}"]
        written += [text for text, target in vocabulary.synonyms.items() if target == entry]
        written += [text for text, target in vocabulary.texts.items()
                    if target == entry and text not in vocabulary.synonyms and text != entry.replace("_", " ")
                    and "/" not in text]
        ways[entry] = list(dict.fromkeys(written))
    return ways


def _respell(rng, rows: list, columns: tuple, kinds: dict, first_row: int) -> list:
    """Rewrite the code-list cells of ``rows`` in place; returns the unknown values written."""
    index = {column: i for i, column in enumerate(columns)}
    unknown = []
    for column, name in kinds.items():
        ways, i = spellings(name), index[column]
        if name == "ya_tidak":
            ways = {**ways, "1": ways["ya"], "0": ways["tidak"]}   # the generator writes booleans as 1/0
        draws, picks = rng.random(len(rows)), rng.integers(0, 1 << 30, len(rows)).tolist()
        for r, (row, draw) in enumerate(zip(rows, draws.tolist())):
            cell = row[i]
            if cell and draw < UNKNOWN_SHARE and column in UNKNOWN:
                row[i] = UNKNOWN[column]
                unknown.append({"row": first_row + r, "column": column, "value": row[i]})
            elif draw < RESPELL_SHARE and cell in ways:
                options = ways[cell]
                row[i] = options[picks[r] % len(options)]
    return unknown


def write_foreign(folder: Path, seed: int, names=("households", "facilities")) -> dict:
    """Write households_foreign.csv, facilities_foreign.csv (``names``) and foreign_truth.json from
    the clean files in ``folder``; returns the number of rows and of unknown values."""
    rng = np.random.default_rng([seed, 6])
    truth: dict[str, dict] = {}
    for kind, columns, name in (("rumah_tangga", HOUSEHOLD_COLUMNS, "households"),
                                ("fasilitas", FACILITY_COLUMNS, "facilities")):
        if name not in names:
            continue
        with open(folder / f"{name}.csv", newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)  # the header: the clean files are written with columns in this order
            rows = list(reader)
        unknown = _respell(rng, rows, columns, COLUMNS[kind], 1)
        with open(folder / f"{name}_foreign.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(rows)
        truth[name] = {"rows": len(rows), "unknown": unknown}
    (folder / "foreign_truth.json").write_text(json.dumps({"seed": seed, **truth}, ensure_ascii=False, indent=1) + "\n",
                                               encoding="utf-8")
    return {name: {"rows": truth[name]["rows"], "unknown": len(truth[name]["unknown"])} for name in names}

