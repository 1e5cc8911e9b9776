"""Nutritional status classes of Permenkes 2/2020 (Standar Antropometri Anak) from WHO z-scores.

One table per indicator, in order: a z-score takes the first class whose bound it meets
(``<`` strictly below, ``<=`` at or below); the last class has no bound. Stunting is
``sangat_pendek`` + ``pendek`` (z < -2), wasting ``gizi_buruk`` + ``gizi_kurang``, underweight
``sangat_kurang`` + ``kurang``. Flagged (implausible) z-scores get no class.
"""
# (class, comparison, bound); the regulation's words: "-3 SD sd <-2 SD", "-2 SD sd +3 SD", "> +3 SD" ...
TBU = (("sangat_pendek", "<", -3.0), ("pendek", "<", -2.0), ("normal", "<=", 3.0), ("tinggi", None, None))
BBU = (("sangat_kurang", "<", -3.0), ("kurang", "<", -2.0), ("normal", "<=", 1.0), ("risiko_lebih", None, None))
BBTB = (("gizi_buruk", "<", -3.0), ("gizi_kurang", "<", -2.0), ("gizi_baik", "<=", 1.0),
        ("berisiko_gizi_lebih", "<=", 2.0), ("gizi_lebih", "<=", 3.0), ("obesitas", None, None))
TABLES = {"tbu": TBU, "bbu": BBU, "bbtb": BBTB}
STUNTED = ("sangat_pendek", "pendek")
WASTED = ("gizi_buruk", "gizi_kurang")
UNDERWEIGHT = ("sangat_kurang", "kurang")


def classify(indicator: str, z: float | None, flagged: bool = False) -> str | None:
    """The Permenkes 2/2020 class of z-score ``z`` of ``indicator`` (``tbu``, ``bbu``, ``bbtb``);
    None when there is no z-score or it is flagged implausible."""
    if z is None or flagged:
        return None
    for name, comparison, bound in TABLES[indicator]:
        if comparison is None or bound is None or (z < bound if comparison == "<" else z <= bound):
            return name
    raise AssertionError("the last class has no bound")
