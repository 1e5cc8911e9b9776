"""A copy of the generated registry whose villages do not match its points, as a registry of
another office can be: about 7 % of the households with coordinates declare a village other than
the one their point lies in (most of them another village of the same kecamatan, some anywhere in
the file) and about 1 % have a point in the sea, in no village at all. Everything else is
unchanged. An import must place them by the README's rule, in about the time the clean file takes.
"""
import csv
from pathlib import Path

import numpy as np

from spatial.codelists import HOUSEHOLD_COLUMNS

OTHER_VILLAGE_SHARE = 0.07   # declared village is not the one holding the point
ANYWHERE_SHARE = 0.3         # of those, the declared village is any village of the file
NO_VILLAGE_SHARE = 0.01      # point at sea (Indian Ocean west of Lampung: in no village of Indonesia)
SEA = ((-7.5, -7.0), (102.5, 103.5))  # (lat, lon) ranges


def write_misplaced(folder: Path, seed: int) -> dict:
    """Write households_misplaced.csv from ``folder``/households.csv; returns the counts changed."""
    rng = np.random.default_rng([seed, 22])
    with open(folder / "households.csv", newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = list(reader)
    code, lat, lon = (HOUSEHOLD_COLUMNS.index(c) for c in ("kode_desa", "latitude", "longitude"))
    villages = sorted({row[code] for row in rows})
    by_kecamatan: dict[str, list[str]] = {}
    for village in villages:
        by_kecamatan.setdefault(village[:8], []).append(village)
    draw = rng.random(len(rows))
    anywhere = rng.random(len(rows)) < ANYWHERE_SHARE
    picks = rng.integers(0, 1 << 30, len(rows))
    changed = {"desa_lain": 0, "tanpa_desa": 0}
    for i, row in enumerate(rows):
        if not row[lat]:
            continue
        if draw[i] < OTHER_VILLAGE_SHARE:
            pool = villages if anywhere[i] else by_kecamatan[row[code][:8]]
            other = pool[picks[i] % len(pool)]
            if other != row[code]:
                row[code] = other
                changed["desa_lain"] += 1
        elif draw[i] < OTHER_VILLAGE_SHARE + NO_VILLAGE_SHARE:
            row[lat] = f"{rng.uniform(*SEA[0]):.6f}"
            row[lon] = f"{rng.uniform(*SEA[1]):.6f}"
            changed["tanpa_desa"] += 1
    with open(folder / "households_misplaced.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HOUSEHOLD_COLUMNS)
        writer.writerows(rows)
    return changed
