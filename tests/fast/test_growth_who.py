"""WHO 2006 z-scores and Permenkes 2/2020 classes against published reference values (no database).

Reference cases: the test vectors of WHO's own R package ``anthro`` (tests/testthat/test-zscores.R:
position correction, the 9-month rule, 24 and 60 months) and the WHO simplified field tables
(weight and length at birth, -3/-2/0/+2/+3 SD, printed to 0.1 kg / 0.1 cm, hence the tolerance).
"""
import datetime as dt

import pytest

from spatial.growth.classes import classify
from spatial.growth.who import Measurement, corrected_length, zscores

BIRTH = dt.date(2024, 3, 1)


def at(days: int, sex="L", weight=None, height=None, position=None):
    return zscores(Measurement(sex, BIRTH, BIRTH + dt.timedelta(days=days), weight, height, position))


def test_who_r_package_vectors():
    # boy, 987 days, 72.86 cm measured lying: -0.7 cm, zlen -6.09, flagged (|z| > 6)
    z = at(987, "L", height=72.86, position="terlentang")
    assert (z.tinggi_koreksi, z.z_tbu, z.flag_tbu) == (72.16, -6.09, True)
    # girl, 24 months (731 days) 77.5 cm: the height table, whatever the position says
    assert at(731, "P", height=77.5, position="berdiri").z_tbu == -2.55
    assert at(731, "P", height=77.5).z_tbu == -2.55
    # boy measured standing at 60 cm: at 8 months the position is implausible (no +0.7), at 9 it counts
    eight, nine = at(round(8 * 30.4375), height=60, position="berdiri"), at(round(9 * 30.4375), height=60,
                                                                                position="berdiri")
    assert (eight.tinggi_koreksi, eight.z_tbu, eight.posisi_tidak_wajar) == (60, -4.81, True)
    assert (nine.tinggi_koreksi, nine.z_tbu, nine.posisi_tidak_wajar) == (60.7, -5.02, False)


@pytest.mark.parametrize("days, position, expected", [
    (730, "berdiri", 100.7), (730, "terlentang", 100.0),   # below 731 days: length
    (731, "terlentang", 99.3), (731, "berdiri", 100.0),    # from 731 days: height
    (800, None, 100.0),
])
def test_lying_standing_adjustment_at_24_months(days, position, expected):
    assert corrected_length(days, days / 30.4375, 100.0, position)[0] == expected


def test_age_boundaries_0_24_60_months():
    assert at(0, "L", weight=3.3).z_bbu == pytest.approx(0, abs=0.15)
    # 60 months: 1,826 days is 59.99 months (computed), 1,827 days is not
    assert at(1826, weight=18.0, height=110.0, position="berdiri").z_bbu is not None
    over = at(1827, weight=18.0, height=110.0, position="berdiri")
    assert (over.z_bbu, over.z_tbu, over.z_bbtb, over.under_five) == (None, None, None, False)
    # weight-for-length below 731 days, weight-for-height from 731: the two tables differ by the
    # 0.7 cm the standards put between lying and standing
    length_table = at(730, weight=11.0, height=85.0, position="terlentang").z_bbtb
    assert length_table == at(100, weight=11.0, height=85.0, position="terlentang").z_bbtb
    assert length_table != at(731, weight=11.0, height=85.0, position="berdiri").z_bbtb
    # a measurement date before birth gives nothing
    assert at(-1, weight=3.0).z_bbu is None


@pytest.mark.parametrize("sex, kg, z", [
    ("L", 2.1, -3), ("L", 2.5, -2), ("L", 3.3, 0), ("L", 4.4, 2), ("L", 5.0, 3),
    ("P", 2.0, -3), ("P", 2.4, -2), ("P", 3.2, 0), ("P", 4.2, 2), ("P", 4.8, 3),
])
def test_weight_at_birth_matches_who_table(sex, kg, z):
    assert at(0, sex, weight=kg).z_bbu == pytest.approx(z, abs=0.15)


@pytest.mark.parametrize("sex, cm, z", [
    ("L", 44.2, -3), ("L", 46.1, -2), ("L", 49.9, 0), ("L", 53.7, 2),
    ("P", 43.6, -3), ("P", 45.4, -2), ("P", 49.1, 0), ("P", 52.9, 2),
])
def test_length_at_birth_matches_who_table(sex, cm, z):
    assert at(0, sex, height=cm, position="terlentang").z_tbu == pytest.approx(z, abs=0.05)


def test_flags_follow_who_limits():
    heavy = at(365, weight=20.0)           # weight-for-age far above +5
    assert heavy.z_bbu > 5 and heavy.flag_bbu
    assert not at(365, weight=9.6).flag_bbu
    tiny = at(400, height=55.0, position="terlentang")
    assert tiny.z_tbu < -6 and tiny.flag_tbu
    # out of the weight-for-length range: no z-score rather than the other table's
    assert at(100, weight=3.0, height=44.0, position="terlentang").z_bbtb is None


@pytest.mark.parametrize("indicator, z, expected", [
    ("tbu", -3.01, "sangat_pendek"), ("tbu", -3.0, "pendek"), ("tbu", -2.01, "pendek"), ("tbu", -2.0, "normal"),
    ("tbu", 3.0, "normal"), ("tbu", 3.01, "tinggi"),
    ("bbu", -3.5, "sangat_kurang"), ("bbu", -2.5, "kurang"), ("bbu", 1.0, "normal"), ("bbu", 1.01, "risiko_lebih"),
    ("bbtb", -3.2, "gizi_buruk"), ("bbtb", -2.2, "gizi_kurang"), ("bbtb", 1.0, "gizi_baik"),
    ("bbtb", 1.5, "berisiko_gizi_lebih"), ("bbtb", 2.0, "berisiko_gizi_lebih"), ("bbtb", 2.5, "gizi_lebih"),
    ("bbtb", 3.01, "obesitas"),
])
def test_permenkes_classes(indicator, z, expected):
    assert classify(indicator, z) == expected


def test_flagged_or_missing_z_has_no_class():
    assert classify("tbu", -6.5, flagged=True) is None
    assert classify("bbtb", None) is None
