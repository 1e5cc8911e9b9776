"""Kemendagri region codes: parsing and normalisation (``18.04.04.2002`` and ``1804042002``)."""
import re
from typing import TypedDict

_DOTTED = re.compile(r"^(\d{2})\.(\d{2})\.(\d{2})\.(\d{4})$")
_PLAIN = re.compile(r"^(\d{2})(\d{2})(\d{2})(\d{4})$")


def normalise_kode_desa(value) -> str | None:
    """Return the dotted village code, or None when ``value`` is not a valid village code."""
    if value is None:
        return None
    text = str(value).strip()
    match = _DOTTED.match(text) or _PLAIN.match(text)
    if not match:
        return None
    return ".".join(match.groups())


class Parents(TypedDict):
    """The codes above a region code."""
    kode_prov: str
    kode_kab: str | None
    kode_kec: str | None


def parents(kode: str) -> Parents:
    """Province, kabupaten and kecamatan codes of a dotted region code (None above its level):
    ``18.04.04.2002`` -> ``{"kode_prov": "18", "kode_kab": "18.04", "kode_kec": "18.04.04"}``."""
    return {"kode_prov": kode[:2], "kode_kab": kode[:5] if len(kode) >= 5 else None,
            "kode_kec": kode[:8] if len(kode) >= 8 else None}


def within(kode: str | None, wilayah: str | None) -> bool:
    """True when the region or village ``kode`` is ``wilayah`` or lies inside it (always when
    ``wilayah`` is None). The same rule as the SQL function ``dalam_wilayah``."""
    return wilayah is None or (kode is not None and (kode == wilayah or kode.startswith(wilayah + ".")))


PROVINCE_NAMES = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}


def province_name(kode_prov: str) -> str:
    """Name of a province from its two-digit Kemendagri code."""
    return PROVINCE_NAMES.get(kode_prov, f"Provinsi {kode_prov}")
