"""Why a house has its RTLH score, rule by rule, in plain words: "lantai tanah +10, dinding anyaman
bambu +10, luas 5,1 m²/orang < 7,2 +10, tanpa jamban +10".

The points come from the household's stored score (``skor_rtlh.komponen``, computed by the one
scoring query ``analysis/scores_replace``); this module only says which recorded answer earned each
of them, with the threshold of the configuration that run used. The candidate table, the map popup,
the household page and the field form all call :func:`breakdown` and :func:`describe`.

Texts are msgids of the translation catalogue (Bahasa Indonesia); numbers stay numbers until
:func:`describe` formats them with the caller's formatter, so each page shows them in its language.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from spatial.errors import N_

# Component code of skor_rtlh.komponen -> (group, text, household fields named in the text).
RULES = {
    "atap": ("kondisi", N_("atap %(nilai)s"), ("jenis_atap",)),
    "dinding": ("kondisi", N_("dinding %(nilai)s"), ("jenis_dinding",)),
    "lantai": ("kondisi", N_("lantai %(nilai)s"), ("jenis_lantai",)),
    "luas_sempit": ("kondisi", N_("luas %(luas)s m²/orang < %(batas)s"), ("luas_lantai_m2", "jumlah_anggota")),
    "sanitasi": ("kesehatan", N_("sanitasi tidak layak (BAB: %(bab)s, kloset: %(kloset)s, tinja: %(tinja)s)"),
                 ("fasilitas_bab", "jenis_kloset", "pembuangan_tinja")),
    "air": ("kesehatan", N_("air minum %(nilai)s (tidak layak)"), ("sumber_air_minum",)),
    "listrik": ("kesehatan", N_("penerangan %(nilai)s"), ("sumber_penerangan",)),
    "desil": ("kesejahteraan", N_("desil %(nilai)s"), ("desil",)),
    "balita": ("kerentanan", N_("%(nilai)s balita"), ("jumlah_balita",)),
    "lansia": ("kerentanan", N_("ada lansia"), ()),
    "disabilitas": ("kerentanan", N_("ada penyandang disabilitas"), ()),
    "kepala_perempuan": ("kerentanan", N_("kepala keluarga perempuan"), ()),
}
NO_TOILET = N_("tanpa jamban")
GROUPS = {"kondisi": N_("Kondisi rumah"), "kesehatan": N_("Kesehatan"), "kesejahteraan": N_("Kesejahteraan"),
          "kerentanan": N_("Kerentanan")}
# Words of the components an empty attribute left unscored (skor_rtlh.data_tidak_lengkap).
MISSING = {"atap": N_("bahan atap"), "dinding": N_("bahan dinding"), "lantai": N_("bahan lantai"),
           "luas_sempit": N_("luas lantai / jumlah anggota"), "sanitasi": N_("jamban / pembuangan tinja"),
           "air": N_("sumber air minum"), "listrik": N_("sumber penerangan"), "desil": N_("desil"),
           "balita": N_("jumlah balita"), "lansia": N_("ada lansia"), "disabilitas": N_("ada disabilitas"),
           "kepala_perempuan": N_("kepala keluarga perempuan"), "status_rumah": N_("status rumah")}
DEFAULT_MINIMUM_AREA = 7.2   # m² per person when the run's configuration is not at hand


@dataclass(frozen=True)
class Reason:
    """One rule that gave points: its component code, group, text (msgid), values and points."""
    kode: str
    kelompok: str
    teks: str
    nilai: dict = field(default_factory=dict)
    poin: float = 0.0


def _values(kode: str, household: dict, minimum_area: float) -> tuple[str, dict]:
    text = RULES[kode][1]
    if kode == "luas_sempit":
        members = household.get("jumlah_anggota") or 0
        area = household.get("luas_lantai_m2")
        per_person = float(area) / members if area is not None and members else None
        return text, {"luas": per_person, "batas": minimum_area}
    if kode == "sanitasi":
        if household.get("fasilitas_bab") == "tidak ada":
            return NO_TOILET, {}
        return text, {"bab": household.get("fasilitas_bab") or "–", "kloset": household.get("jenis_kloset") or "–",
                      "tinja": household.get("pembuangan_tinja") or "–"}
    fields = RULES[kode][2]
    return text, ({"nilai": household.get(fields[0])} if fields else {})


def breakdown(komponen: dict | None, household: dict, minimum_area: float | None = None) -> list[Reason]:
    """The rules that gave the house points, in the order of the configuration (largest groups
    first), from its stored components ``komponen`` and its recorded answers ``household``."""
    minimum = DEFAULT_MINIMUM_AREA if minimum_area is None else float(minimum_area)
    reasons = []
    for kode, (group, _text, _fields) in RULES.items():
        points = float((komponen or {}).get(kode) or 0)
        if points:
            text, values = _values(kode, household, minimum)
            reasons.append(Reason(kode, group, text, values, points))
    return reasons


def describe(reasons: list[Reason], gettext: Callable[[str], str] = lambda text: text,
             number: Callable[[float], str] = lambda value: f"{value:g}") -> str:
    """One line: ``lantai tanah +10, luas 5,1 m²/orang < 7,2 +10`` in the language of ``gettext``,
    numbers through ``number`` (the caller's locale-aware formatter)."""
    return ", ".join(f"{text(reason, gettext, number)} +{number(reason.poin)}" for reason in reasons)


def text(reason: Reason, gettext: Callable[[str], str] = lambda text: text,
         number: Callable[[float], str] = lambda value: f"{value:g}") -> str:
    """The words of one reason (without its points)."""
    values = {key: (number(value) if isinstance(value, (int, float)) and not isinstance(value, bool)
                    else "–" if value is None else value) for key, value in reason.nilai.items()}
    return gettext(reason.teks) % values if values else gettext(reason.teks)


def missing_words(codes: list[str] | None, gettext: Callable[[str], str] = lambda text: text) -> list[str]:
    """The words of the components left unscored because an answer is empty (data tidak lengkap)."""
    return [gettext(MISSING[c]) if c in MISSING else c for c in codes or ()]
