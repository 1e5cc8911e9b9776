"""Kemendagri region codes: parsing and normalisation (``18.04.04.2002`` and ``1804042002``)."""
import re

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


def parent_codes(kode_desa: str) -> dict:
    """Province, kabupaten and kecamatan codes of a dotted village code."""
    return {
        "kode_prov": kode_desa[:2],
        "kode_kab": kode_desa[:5],
        "kode_kec": kode_desa[:8],
    }


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
