"""Interface labels of the properties of analysis result layers (pockets, Gi*, LISA, gaps, sites)
and priority areas, and of their coded values, for map tooltips and popups, in the interface
language (the analysis pages' tooltips and ``peta.js`` popups)."""
from flask_babel import gettext as _

from spatial.analysis.results import chance_in
from webgis import formats

# Properties whose values are codes shown through value_labels().
CODED = ("kelas", "layanan", "kuadran")


def property_labels() -> dict:
    """Property name -> label (``jumlah_rumah_tangga`` -> "Jumlah rumah tangga")."""
    return {
        "kantong_id": _("Nomor kantong"), "sel_id": _("Nomor sel"), "klaster_id": _("Nomor klaster"),
        "kandidat_id": _("Nomor kandidat"), "run_id": _("Nomor run"), "kode_desa": _("Kode desa"),
        "nama": _("Nama"), "desa": _("Desa"), "rumah_tangga": _("Rumah tangga"),
        "jumlah_rumah_tangga": _("Jumlah rumah tangga"), "rumah_tangga_miskin": _("Rumah tangga miskin"),
        "miskin": _("Rumah tangga miskin"), "persen_miskin": _("Persen miskin"), "luas_ha": _("Luas (ha)"),
        "rasio": _("Rasio miskin"), "gi_z": _("Skor Gi* (z)"), "moran_i": _("Moran I lokal"),
        "p_value": _("Nilai p"), "risiko_relatif": _("Risiko relatif"),
        "peluang_kebetulan": _("Peluang kebetulan"), "radius_m": _("Jari-jari (m)"), "llr": _("Rasio kemungkinan (log)"),
        "metode": _("Metode"), "kelas": _("Kelas"), "kuadran": _("Kuadran"), "layanan": _("Layanan"),
        "tak_terlayani_air": _("Tak terlayani air"), "persen_air": _("Persen tak terlayani air"),
        "tak_terlayani_sanitasi": _("Tak terlayani sanitasi"),
        "persen_sanitasi": _("Persen tak terlayani sanitasi"), "skor_celah": _("Skor celah"),
        "krs_tak_terlayani_air": _("Keluarga berisiko stunting tak terlayani air"),
        "krs_tak_terlayani_sanitasi": _("Keluarga berisiko stunting tak terlayani sanitasi"),
        "peringkat": _("Peringkat"), "terpilih": _("Terpilih"), "urutan": _("Urutan"),
        "cakupan": _("Cakupan (rumah tangga)"), "tambahan": _("Tambahan cakupan"), "kumulatif": _("Cakupan kumulatif"),
        "jenis": _("Jenis"), "tahun": _("Tahun"), "catatan": _("Catatan"), "versi": _("Versi"), "id": _("Nomor"),
        "diperbaiki": _("Geometri diperbaiki"), "dibuat_oleh": _("Dibuat oleh"), "dibuat_pada": _("Dibuat pada"),
        "diubah_oleh": _("Diubah oleh"), "diubah_pada": _("Diubah pada"), "kode_kab": _("Kabupaten"),
        "anggota_kab_lain": _("Anggota di kabupaten tetangga"),
    }


def value_labels() -> dict:
    """Coded value -> label (``panas`` -> "Titik panas", ``air`` -> "Air minum")."""
    return {
        "panas": _("Titik panas"), "dingin": _("Titik dingin"), "pencilan": _("Pencilan"),
        "tidak_signifikan": _("Tidak signifikan"), "air": _("Air minum"), "sanitasi": _("Sanitasi"),
        "keduanya": _("Air minum dan sanitasi"), "HH": _("Tinggi-tinggi"), "LL": _("Rendah-rendah"),
        "HL": _("Tinggi-rendah"), "LH": _("Rendah-tinggi"), "berjalan": _("Berjalan"), "selesai": _("Selesai"),
        "gagal": _("Gagal"), "antri": _("Antri"),
    }


def pocket_figures(pocket: dict) -> dict:
    """A pocket row with its figures as text in the interface language: ``peluang_teks`` (the
    p-value as the N of "1 in N", None for DBSCAN pockets), ``risiko_teks`` (relative risk) and
    ``persen_teks`` (share poor)."""
    n = chance_in(pocket.get("p_value"))
    rr = pocket.get("risiko_relatif")
    return {**pocket, "peluang_teks": None if n is None else formats.number(n, 0),
            "risiko_teks": None if rr is None else formats.number(rr),
            "persen_teks": formats.number(pocket["persen_miskin"])}
