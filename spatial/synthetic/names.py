"""Names for the synthetic registry: fake heads of household (common Indonesian, Javanese and
Lampung names) and hamlet names.

Names are drawn at random and combined, so any resemblance to a real person is chance.
"""
import numpy as np

_FIRST = {
    "L": ("AHMAD", "AGUS", "ARIFIN", "BAMBANG", "BUDI", "DARMAWAN", "DEDI", "EDI", "FIRDAUS", "HASAN",
          "HENDRA", "HERMAN", "IWAN", "ISMAIL", "JOKO", "KHAIRUL", "MAHMUD", "MURSALIN", "RAHMAT", "ROHMAN",
          "RUDI", "SLAMET", "SUGIONO", "SUKRI", "SUPARMAN", "SUTRISNO", "SYAHRIAL", "WAHYU", "YUSUF",
          "ZULKIFLI", "BATIN", "RADIN", "MINAK", "SAIPUL", "ANSORI", "HERI", "SUHARTO", "PAIJO", "MARZUKI"),
    "P": ("SITI", "SRI", "NUR", "RINA", "DEWI", "YULIANI", "SUMARNI", "AMINAH", "FATIMAH", "HALIMAH",
          "ROSMAWATI", "SURYANI", "ERNA", "LESTARI", "JULIANA", "MARLINA", "NURHAYATI", "ROHANI",
          "ASNAWATI", "SUPARTI", "MASITOH", "KARTINI", "SAMSIAH", "ZAINAB", "MUNAROH", "PARTINAH", "ENDANG"),
}
_SECOND = {
    "L": ("SAPUTRA", "HIDAYAT", "PRATAMA", "GUNAWAN", "SETIAWAN", "WIJAYA", "KURNIAWAN", "SANTOSO",
          "EFFENDI", "IRAWAN", "HAKIM", "FAUZI", "SANJAYA", "SUSANTO", "PURNOMO", "ANWAR", "SYAHPUTRA",
          "RAHMAN", "HASIBUAN", "NAWAWI", "PANGERAN", "DALOM", "MARGA", "ALAMSYAH", "SOBRI"),
    "P": ("WATI", "NINGSIH", "LESTARI", "SARI", "HANDAYANI", "SUSANTI", "YANTI", "RAHAYU", "MULYANI",
          "PURWANTI", "AMELIA", "ASTUTI", "FITRIANI", "KOMALASARI", "NURJANAH", "WULANDARI", "SAFITRI"),
}


def first_names(sex: str) -> np.ndarray:
    """Given names for ``sex`` ("L" man, "P" woman) as an object array."""
    return np.array(_FIRST[sex], dtype=object)


def second_names(sex: str) -> np.ndarray:
    """Second names (family or second given names) for ``sex`` as an object array."""
    return np.array(_SECOND[sex], dtype=object)


def dusun_name(number: int, town: bool) -> str:
    """``Dusun II`` in a desa, ``Lingkungan II`` in a kelurahan (number 1..39)."""
    roman = "X" * (number // 10) + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[number % 10]
    return f"{'Lingkungan' if town else 'Dusun'} {roman}"
