"""Village figures of child growth as of a month: children measured, coverage, stunting and wasting
prevalence, the Empirical Bayes smoothed stunting rate, and "data lama".

Each village shows its latest month up to the period asked (``gizi_desa_periode``; rebuilt by every
growth import). Prevalence = stunted / measured children with a plausible length/height-for-age
z-score (a WHO-flagged one counts nowhere). Coverage = measured / toddlers known from the household
registry (``jumlah_balita``) and from the posyandu's own books (children under five measured in the
village in the last 12 months). The smoothed rate is Marshall's global Empirical Bayes estimate
(esda) over the villages of the same kabupaten: a village with few children moves toward the
kabupaten's rate, one with many keeps its own. Roles that may not see children's records get every
count under the anonymity rule (a count and the rest of its group both at least k, SQL
``sasaran_terbit``); a rate or a smoothed rate of a suppressed count is suppressed too.
"""
import datetime as dt
import tomllib
from collections import defaultdict
from pathlib import Path

import numpy as np

from spatial import anonymity
from spatial.sqlfiles import Connection, fetch_all

CONFIG_PATH = Path(__file__).with_name("stunting_config.toml")
SUPPRESSIBLE = ("diukur", "stunting", "sangat_pendek", "dinilai_bbtb", "wasting")


def load_config(path: Path = CONFIG_PATH) -> dict:
    """The stunting configuration (data lama, keluarga berisiko stunting, bivariate classes, lokus rule)."""
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def periods(conn: Connection, wilayah: str | None) -> list[dt.date]:
    """Months with village figures in ``wilayah`` (None: everywhere), newest first."""
    return [row["periode"] for row in fetch_all(conn, "growth/periods", {"wilayah": wilayah})]


def smoothed_rates(events, totals) -> np.ndarray:
    """Marshall's global Empirical Bayes rates (esda) of ``events`` / ``totals`` per area.

    When the areas vary less than chance alone would make them vary, Marshall's estimate of the
    between-area variance is negative and esda's weights of the own rate leave [0, 1] (the rate
    would be pushed past the overall rate, or far beyond its own); the variance is then taken as
    0, so every area gets the overall rate (so does a kabupaten with one measured village). Areas
    with a total of 0 get NaN."""
    from esda.smoothing import Empirical_Bayes  # PySAL: only when figures are asked for

    events, totals = np.asarray(events, dtype=float), np.asarray(totals, dtype=float)
    out = np.full(events.shape, np.nan)
    some = totals > 0
    if not some.any():
        return out
    rates = Empirical_Bayes(events[some], totals[some]).r.ravel()
    own, overall = events[some] / totals[some], events[some].sum() / totals[some].sum()
    apart = np.abs(own - overall) > 1e-12
    weights = (rates[apart] - overall) / (own[apart] - overall)
    if not np.isfinite(rates).all() or weights.size and (weights.min() < -1e-9 or weights.max() > 1 + 1e-9):
        rates = np.full(rates.shape, overall)  # also one area alone (no variance to estimate)
    out[some] = rates
    return out


def _percent(part, whole) -> float | None:
    return round(100.0 * part / whole, 1) if part is not None and whole else None


def village_figures(conn: Connection, periode: dt.date, wilayah: str | None, full: bool,
                    config: dict | None = None) -> list[dict]:
    """One row per village of ``wilayah`` with its figures as of the month ``periode`` (see the
    module doc); ``full`` for roles that may see children's records (spatial.privacy
    .child_records_allowed), else under the anonymity rule: ``ditekan`` names the suppressed fields."""
    config = config or load_config()
    rows = fetch_all(conn, "growth/villages_current", {
        "periode": periode.replace(day=1), "wilayah": wilayah, "bulan_lama": config["data"]["bulan_data_lama"],
        "k": 0 if full else anonymity.K})
    by_kabupaten = defaultdict(list)
    for row in rows:
        if row["diukur"]:
            by_kabupaten[row["kode_kab"]].append(row)
    for group in by_kabupaten.values():
        smoothed = smoothed_rates([r["stunting"] for r in group], [r["diukur"] for r in group])
        for row, rate in zip(group, smoothed):
            row["persen_stunting_eb"] = round(100.0 * float(rate), 1)
    for row in rows:
        _publish(row, full)
    return rows


def _publish(row: dict, full: bool) -> None:
    """Replace the raw counts by the published ones and derive the rates from those."""
    eb = row.pop("persen_stunting_eb", None)
    shown = {name: row.pop(f"{name}_terbit") for name in SUPPRESSIBLE}
    row["ditekan"] = sorted(name for name in SUPPRESSIBLE if row[name] is not None and shown[name] is None)
    row.update(shown)
    row["persen_stunting"] = _percent(row["stunting"], row["diukur"])
    row["persen_sangat_pendek"] = _percent(row["sangat_pendek"], row["diukur"])
    row["persen_wasting"] = _percent(row["wasting"], row["dinilai_bbtb"])
    row["persen_stunting_eb"] = eb if row["stunting"] is not None else None
    row["cakupan_registri"] = _percent(row["diukur"], row["balita_registri"])
    row["cakupan_posyandu"] = _percent(row["diukur"], row["balita_posyandu"])
    if not full:
        row["ditandai"] = None  # data quality of the children's records: kesehatan's business
    row["data_lama"] = bool(row["data_lama"])
    for name in ("persen_desil12", "persen_risiko_stunting"):  # numeric from the view: plain numbers for JSON
        row[name] = None if row[name] is None else float(row[name])
    row["ada_data"] = row["periode"] is not None
