"""Village indicators of the choropleth: definitions, kabupaten averages and classed legends.

Values come from view ``indikator_desa`` (migration 0004 of the analyses: desil 1-2, RTLH backlog
from ``skor_rtlh``, safe water and improved sanitation with the BPS definitions, stunting risk),
kept in tables by triggers since migration 0095: reading them costs milliseconds at any size.
"""
import functools
import math
import warnings

import mapclassify
import numpy as np
from flask_babel import lazy_gettext as _l

from spatial import maps
from webgis.database import call

# key -> (label, count column used for the kabupaten average, unit kind)
INDICATORS = {
    "persen_desil12": (_l("Rumah tangga desil 1-2"), "desil12", "persen"),
    "rtlh": (_l("Backlog RTLH"), None, "unit"),
    "persen_tanpa_air_layak": (_l("Tanpa air minum layak"), "tanpa_air_layak", "persen"),
    "persen_tanpa_sanitasi_layak": (_l("Tanpa sanitasi layak"), "tanpa_sanitasi_layak", "persen"),
    "persen_risiko_stunting": (_l("Rumah tangga berisiko stunting"), "risiko_stunting", "persen"),
}
DEFAULT_INDICATOR = "persen_desil12"
# ColorBrewer YlOrRd, 5 classes (light = low, dark red = high need).
PALETTE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_DATA_COLOUR = "#d9d9d9"
CLASSES = 5
JENKS_MAX_VALUES = 600  # province scale: Fisher-Jenks on quantiles (see jenks_sample)


def village_rows() -> list[dict]:
    """One row per village with every indicator column of view ``indikator_desa`` (None where unknown)."""
    return call(maps.village_indicators)


def _number(value):
    return None if value is None else float(value)


def kabupaten_average(rows: list[dict], key: str):
    """Kabupaten value of an indicator: pooled share for percentages, mean per village for counts."""
    _label, count_column, kind = INDICATORS[key]
    if kind == "persen":
        known = [r for r in rows if r[count_column] is not None]
        households = sum(r["rumah_tangga"] for r in known)
        return round(100.0 * sum(r[count_column] for r in known) / households, 1) if households else None
    values = [_number(r[key]) for r in rows if r[key] is not None]
    return round(sum(values) / len(values), 1) if values else None


def jenks_sample(data: np.ndarray) -> np.ndarray:
    """At most JENKS_MAX_VALUES evenly spaced quantiles of ``data`` (deterministic): Fisher-Jenks is
    O(n^2) in pure Python (2,640 villages of a province: 7 s per indicator; 600 quantiles: 0.2 s)."""
    if data.size <= JENKS_MAX_VALUES:
        return data
    return np.quantile(data, np.linspace(0.0, 1.0, JENKS_MAX_VALUES))


def classify(values: list) -> list[float]:
    """Upper bounds of up to five classes: Fisher-Jenks natural breaks (deterministic), quantiles when values are few."""
    data = np.array([v for v in values if v is not None], dtype=float)
    unique = np.unique(data)
    if unique.size == 0:
        return []
    if unique.size <= CLASSES:
        return [float(v) for v in unique]
    try:
        with warnings.catch_warnings():  # a few hundred values need no numba: silence its hint
            warnings.simplefilter("ignore")
            bins = mapclassify.FisherJenks(jenks_sample(data), k=CLASSES).bins
    except ValueError:
        bins = mapclassify.Quantiles(data, k=CLASSES).bins
    return sorted({round(float(b), 1) if not math.isinf(b) else float(data.max()) for b in bins})


@functools.lru_cache(maxsize=32)
def cached_breaks(values: tuple) -> tuple:
    """``classify`` remembered per set of values: Fisher-Jenks over 2,640 villages takes ~0.5 s per
    indicator, while the values only change with the data (an import, a scores run)."""
    return tuple(classify(list(values)))


def indicator_payload(rows: list[dict] | None = None) -> dict:
    """Everything the choropleth needs in one JSON: values per village, breaks, colours, averages."""
    rows = village_rows() if rows is None else rows
    indicators = {}
    for key, (label, _count, kind) in INDICATORS.items():
        values = [_number(r[key]) for r in rows]
        breaks = list(cached_breaks(tuple(values)))
        indicators[key] = {
            "label": str(label), "satuan": "%" if kind == "persen" else "",
            "breaks": breaks, "colours": list(PALETTE[CLASSES - len(breaks):]) if breaks else [],
            "kabupaten": kabupaten_average(rows, key), "tersedia": any(v is not None for v in values)}
    return {
        "indicators": indicators, "default": DEFAULT_INDICATOR, "no_data": NO_DATA_COLOUR,
        "desa": {r["kode_desa"]: {"nama": r["nama"], "nama_kec": r["nama_kec"], "rumah_tangga": r["rumah_tangga"],
                                  **{key: _number(r[key]) for key in INDICATORS}} for r in rows},
    }
