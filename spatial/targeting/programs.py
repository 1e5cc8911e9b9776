"""The social programmes whose recipient lists Sasaran reads, and each one's targeting rule.

The rules live once, in ``programs.toml`` beside this module; SQL applies them through
``sasaran_layak_bantuan`` / ``sasaran_alasan_bantuan`` (sql/functions/095_bantuan.sql) with the
parameters of :func:`sql_rules`, and :func:`explain` says them in plain Bahasa Indonesia.
"""
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spatial.errors import N_

CONFIG_PATH = Path(__file__).with_name("programs.toml")
COMPONENTS = {"balita": N_("ada balita"), "lansia": N_("ada lansia"), "disabilitas": N_("ada anggota dengan disabilitas"),
              "kepala_perempuan": N_("kepala keluarga perempuan")}


@dataclass(frozen=True)
class Program:
    """One programme: its code, name, rule and the value one family receives per period."""
    kode: str
    nama: str
    desil_maks: int
    salah_satu: tuple = ()
    status_rumah: tuple = ()
    nilai_per_periode: int = 0
    ikut_syarat_rtlh: bool = False


@dataclass(frozen=True)
class MatchRule:
    """Thresholds of the name + village match (``[pencocokan]``)."""
    ambang_tautan: float
    ambang_tinjau: float
    selisih_min: float


def _program(kode: str, entry: dict) -> Program:
    unknown = set(entry.get("salah_satu", ())) - set(COMPONENTS)
    if unknown:
        raise ValueError(f"programs.toml [{kode}]: komponen tidak dikenal {sorted(unknown)}")
    desil, status = entry.get("desil_maks"), tuple(s.lower() for s in entry.get("status_rumah", ()))
    if entry.get("ikut_syarat_rtlh"):
        from spatial.analysis.scores import load_config  # the RTLH rules live there (and it is heavy)

        syarat = load_config()["syarat"]
        desil, status = int(syarat["desil_maksimum"]), tuple(s.lower() for s in syarat["status_rumah"])
    if not isinstance(desil, int) or not 1 <= desil <= 10:
        raise ValueError(f"programs.toml [{kode}]: desil_maks harus bilangan 1-10")
    return Program(kode, entry["nama"], desil, tuple(entry.get("salah_satu", ())), status,
                   int(entry.get("nilai_per_periode", 0)), bool(entry.get("ikut_syarat_rtlh")))


@cache
def _config() -> dict:
    with open(CONFIG_PATH, "rb") as handle:
        return tomllib.load(handle)


def program_codes() -> tuple:
    """The programme codes, in the order of the config file (the entries of the code list
    ``program`` of the recipient-list import)."""
    return tuple(_config()["program"])


@cache
def programs() -> dict[str, Program]:
    """``{code: Program}`` in the order of the config file."""
    return {kode: _program(kode, entry) for kode, entry in _config()["program"].items()}


def match_rule() -> MatchRule:
    """The thresholds of the name + village match."""
    return MatchRule(**{k: float(v) for k, v in _config()["pencocokan"].items()})


def version() -> str:
    """The config's version (stored with what is computed from it)."""
    return str(_config()["versi"])


def sql_rules(codes=None) -> list[dict]:
    """The rules as the rows of ``jsonb_to_recordset`` in the targeting queries (``aturan``)."""
    return [{"program": p.kode, "desil_maks": p.desil_maks, "komponen": list(p.salah_satu),
             "status_rumah": list(p.status_rumah), "nilai": p.nilai_per_periode}
            for p in programs().values() if codes is None or p.kode in codes]


def explain(program: Program, gettext=lambda text: text) -> str:
    """The rule in one plain sentence, Bahasa Indonesia unless ``gettext`` translates it (the page
    passes the user's language)."""
    parts = [gettext(N_("desil kesejahteraan 1")) if program.desil_maks == 1 else
             gettext(N_("desil kesejahteraan 1 sampai %(desil)s")) % {"desil": program.desil_maks}]
    if program.salah_satu:
        parts.append(gettext(N_("punya paling sedikit satu dari: %(komponen)s"))
                     % {"komponen": ", ".join(gettext(COMPONENTS[c]) for c in program.salah_satu)})
    if program.status_rumah:
        parts.append(gettext(N_("status rumah %(status)s")) % {"status": " / ".join(program.status_rumah)})
    text = gettext(N_("%(program)s: keluarga layak bila %(syarat)s.")) % {"program": program.nama,
                                                                          "syarat": "; ".join(parts)}
    if program.ikut_syarat_rtlh:
        text += " " + gettext(N_("(Desil dan status rumah mengikuti syarat BSPS di konfigurasi RTLH.)"))
    rupiah = f"{program.nilai_per_periode:,}".replace(",", ".")
    return text + " " + gettext(N_("Nilai bantuan per keluarga per periode: Rp%(nilai)s.")) % {"nilai": rupiah}
