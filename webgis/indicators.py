"""Village indicators of the choropleth: definitions, the figure of each kabupaten and classed legends.

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
from spatial.analysis.comparison import kabupaten_figures
from spatial.codes import within
from webgis.database import call

# key -> (label, unit kind); the kabupaten figure of each key is a column of the query maps/indicators_kabupaten
INDICATORS = {
    "persen_desil12": (_l("Rumah tangga desil 1-2"), "persen"),
    "rtlh": (_l("Backlog RTLH"), "unit"),
    "persen_tanpa_air_layak": (_l("Tanpa air minum layak"), "persen"),
    "persen_tanpa_sanitasi_layak": (_l("Tanpa sanitasi layak"), "persen"),
    "persen_risiko_stunting": (_l("Rumah tangga berisiko stunting"), "persen"),
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


def indicator_payload(wilayah: str | None = None) -> dict:
    """Everything the choropleth needs in one JSON: values per village, breaks, colours, and the
    figure of each kabupaten (over all its villages). Only the villages and kabupaten of region
    ``wilayah`` (None = everything); class breaks come from those villages."""
    mine = [r for r in village_rows() if within(r["kode_desa"], wilayah)]
    kabupaten = {r["kode_kab"]: r["nama_kab"] for r in mine}
    figures = call(kabupaten_figures, kabupaten)
    indicators = {}
    for key, (label, kind) in INDICATORS.items():
        values = [_number(r[key]) for r in mine]
        breaks = list(cached_breaks(tuple(values)))
        indicators[key] = {
            "label": str(label), "satuan": "%" if kind == "persen" else "",
            "breaks": breaks, "colours": list(PALETTE[CLASSES - len(breaks):]) if breaks else [],
            "kabupaten": {kab: _number(row[key]) for kab, row in figures.items()},
            "tersedia": any(v is not None for v in values)}
    return {
        "indicators": indicators, "default": DEFAULT_INDICATOR, "no_data": NO_DATA_COLOUR, "kabupaten": kabupaten,
        "desa": {r["kode_desa"]: {"nama": r["nama"], "nama_kec": r["nama_kec"], "kode_kab": r["kode_kab"],
                                  "rumah_tangga": r["rumah_tangga"], **{key: _number(r[key]) for key in INDICATORS}}
                 for r in mine},
    }
