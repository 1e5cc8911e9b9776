"""Convergence of poverty and stunting per village: the bivariate classes (share of desil 1-2
households x stunting prevalence) and the ranking of villages high in both.

Share desil 1-2: tertiles of the villages of the same kabupaten (1 low .. 3 high). Stunting: the
smoothed prevalence (spatial.growth.indicators) in the classes of ``[bivariat] stunting`` of the
stunting config (below 20 %, 20-30 %, 30 % and more by default: the WHO/UNICEF public-health
thresholds). A village without measurements, or whose figure is suppressed for the user, has no
stunting class. "High in both": top tertile of desil 1-2 and stunting from the first threshold;
ranked by the sum of the two within-kabupaten percentile ranks.
"""
from collections import defaultdict

import numpy as np

# Bivariate palette (3 x 3, Stevens): COLOURS[desil class - 1][stunting class - 1].
COLOURS = (("#e8e8e8", "#b8d6be", "#73ae80"), ("#b5c0da", "#90b2b3", "#5a9178"), ("#6c83b5", "#567994", "#2a5a5b"))
NO_DATA = "#ffffff"


def _percentile_ranks(values) -> np.ndarray:
    """Within-group percentile rank (0..1] of each value (ties share the highest rank)."""
    values = np.asarray(values, dtype=float)
    return np.array([(values <= v).mean() for v in values])


def classify(rows: list[dict], config: dict) -> list[dict]:
    """Add ``kelas_desil``, ``kelas_stunting``, ``warna``, ``tinggi_keduanya`` and ``skor_konvergensi``
    to the village rows of spatial.growth.indicators.village_figures (in place); returns the rows."""
    limits = config["bivariat"]["stunting"]
    by_kabupaten = defaultdict(list)
    for row in rows:
        by_kabupaten[row["kode_kab"]].append(row)
    for group in by_kabupaten.values():
        known = [r for r in group if r["persen_desil12"] is not None]
        if known:
            shares = np.array([float(r["persen_desil12"]) for r in known])
            low, high = np.quantile(shares, [1 / 3, 2 / 3])
            for row, rank in zip(known, _percentile_ranks(shares)):
                share = float(row["persen_desil12"])
                row["kelas_desil"] = 1 if share <= low else 2 if share <= high else 3
                row["_rank_desil"] = rank
        measured = [r for r in group if r["persen_stunting_eb"] is not None]
        if measured:
            for row, rank in zip(measured, _percentile_ranks([r["persen_stunting_eb"] for r in measured])):
                row["_rank_stunting"] = rank
    for row in rows:
        desil, rate = row.setdefault("kelas_desil", None), row["persen_stunting_eb"]
        row["kelas_stunting"] = None if rate is None else 1 + sum(rate >= limit for limit in limits)
        row["warna"] = COLOURS[desil - 1][row["kelas_stunting"] - 1] if desil and row["kelas_stunting"] else NO_DATA
        row["tinggi_keduanya"] = desil == 3 and (row["kelas_stunting"] or 0) >= 2
        ranks = row.pop("_rank_desil", None), row.pop("_rank_stunting", None)
        row["skor_konvergensi"] = round(ranks[0] + ranks[1], 3) if None not in ranks else None
    return rows


def ranking(rows: list[dict]) -> list[dict]:
    """The villages high in both, highest convergence score first."""
    chosen = [r for r in rows if r["tinggi_keduanya"]]
    return sorted(chosen, key=lambda r: (-r["skor_konvergensi"], -r["persen_stunting_eb"], r["kode_desa"]))
