"""Eligibility rules of a programme: defaults from the RTLH configuration, labels of the reasons."""
from spatial.analysis.scores import load_config

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

# Reason codes of selection_households.sql and of the optimiser, in Bahasa Indonesia.
REASONS = {
    "bukan_rtlh": "rumah tidak tergolong RTLH",
    "bukan_milik_sendiri": "rumah/tanah bukan milik sendiri",
    "desil_di_atas_batas": "desil di atas batas program",
    "data_tidak_lengkap": "data tidak lengkap (isian kosong yang menentukan kelayakan)",
    "skor_di_bawah_minimum": "skor prioritas di bawah minimum program",
    "sudah_dibantu": "sudah menerima bantuan rumah dalam {n} tahun terakhir",
    "sudah_dibantu_program": "sudah diperbaiki program lain dalam {n} tahun terakhir",
    "program_lain": "sudah terpilih di program aktif lain",
    "di_luar_kawasan": "di luar kawasan prioritas",
    "bukan_desa_lokus": "bukan desa lokus tahun program",
    "ditolak_sebelumnya": "sudah ditolak di program ini",
    "anggaran_habis": "anggaran tidak cukup",
    "kuota_penuh": "kuota wilayah sudah penuh",
    "sudah_terpilih": "sudah terpilih",
}


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


def reason_text(code: str, years: int | None = None) -> str:
    """Indonesian text of a reason code (``years``: the programme's aided-within-N-years)."""
    return REASONS.get(code, code).format(n=years if years is not None else "N")
