"""Eligibility rules of a programme: defaults from the RTLH configuration, labels of the reasons."""
import re
from collections.abc import Callable

from spatial.analysis.scores import load_config
from spatial.errors import N_, SelectionError

SOURCES = ("APBN", "APBD", "DAK", "CSR")
AREA_LIMITS = ("semua", "kawasan_prioritas", "lokus")
# Workflow (the same table lives in SQL: seleksi_transisi; the trigger enforces it).
TRANSITIONS = {
    "usulan": ("terverifikasi", "ditolak"),
    "terverifikasi": ("ditetapkan", "ditolak"),
    "ditetapkan": ("selesai", "ditolak"),
    "selesai": (),
    "ditolak": (),
}

# Reason codes of query selection/eligibility and of the optimiser: their words (msgids of the
# translation catalogue; %(n)s = the programme's aided-within-N-years).
REASONS = {
    "bukan_rtlh": N_("rumah tidak tergolong RTLH"),
    "bukan_milik_sendiri": N_("rumah/tanah bukan milik sendiri"),
    "desil_di_atas_batas": N_("desil di atas batas program"),
    "data_tidak_lengkap": N_("data tidak lengkap (isian kosong yang menentukan kelayakan)"),
    "skor_di_bawah_minimum": N_("skor prioritas di bawah minimum program"),
    "sudah_dibantu": N_("sudah menerima bantuan rumah dalam %(n)s tahun terakhir"),
    "sudah_dibantu_program": N_("sudah diperbaiki program lain dalam %(n)s tahun terakhir"),
    "program_lain": N_("sudah terpilih di program aktif lain"),
    "di_luar_kawasan": N_("di luar kawasan prioritas"),
    "bukan_desa_lokus": N_("bukan desa lokus tahun program"),
    "ditolak_sebelumnya": N_("sudah ditolak di program ini"),
    "anggaran_habis": N_("anggaran tidak cukup"),
    "kuota_penuh": N_("kuota wilayah sudah penuh"),
    "sudah_terpilih": N_("sudah terpilih"),
    "tidak_ditemukan": N_("rumah tangga tidak ditemukan atau belum memiliki skor RTLH"),
}

# The refusals of the selection triggers (migration 0006: programme closed, a move the workflow
# does not allow, ...) as messages of the error model: pattern of the trigger's message -> msgid.
TRIGGER_REFUSALS = (
    (re.compile(r"perubahan status (?P<dari>\w+) -> (?P<ke>\w+) tidak diizinkan"),
     N_("Perubahan status %(dari)s -> %(ke)s tidak diizinkan.")),
    (re.compile(r"program (?:\d+ )?sudah ditutup"), N_("Program sudah ditutup.")),
    (re.compile(r"hanya usulan yang dapat dihapus \(status (?P<berstatus>\w+)\)"),
     N_("Hanya usulan yang dapat dihapus (status %(berstatus)s).")),
    (re.compile(r"seleksi baru harus berstatus usulan"), N_("Seleksi baru harus berstatus usulan.")),
    (re.compile(r"program dan rumah tangga sebuah seleksi tidak dapat diubah"),
     N_("Program dan rumah tangga sebuah seleksi tidak dapat diubah.")),
    (re.compile(r"program masih memiliki rumah tangga berstatus ditetapkan"),
     N_("Program masih memiliki rumah tangga berstatus ditetapkan; selesaikan atau tolak dahulu.")),
)


def trigger_refusal(message: str) -> SelectionError:
    """The refusal of a selection trigger (its ``check_violation`` message) as a translatable error."""
    for pattern, msgid in TRIGGER_REFUSALS:
        found = pattern.search(message)
        if found:
            refusal = SelectionError(msgid)
            refusal.params = found.groupdict()  # not as keywords: a group may not shadow ``status``
            return refusal
    return SelectionError(N_("Perubahan ditolak: %(alasan)s"), alasan=message)


def default_rules() -> dict:
    """The default rule set: the RTLH eligibility rules of ``rtlh_config.toml`` ([syarat])."""
    syarat = load_config()["syarat"]
    return {"wajib_rtlh": True, "status_rumah": [s.lower() for s in syarat["status_rumah"]],
            "desil_maksimum": int(syarat["desil_maksimum"]), "skor_minimum": 0.0}


def resolve(aturan: dict | None) -> dict:
    """A programme's rule set with the defaults filled in for missing keys."""
    rules = default_rules()
    rules.update({k: v for k, v in (aturan or {}).items() if k in rules and v is not None})
    rules["status_rumah"] = [str(s).lower() for s in rules["status_rumah"]]
    return rules


def reason_text(code: str, years: int | None = None, gettext: Callable[[str], str] = lambda text: text) -> str:
    """Text of a reason code (``years``: the programme's aided-within-N-years) in the language of
    ``gettext`` (default: Bahasa Indonesia); an unknown code is returned as it is."""
    if code not in REASONS:
        return code
    return gettext(REASONS[code]) % {"n": years if years is not None else "N"}
