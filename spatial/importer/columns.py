"""Column mapping of import files: documented headers, common variants, and a user mapping file.

Headers are matched case-insensitively after normalisation (``Nama KK`` -> ``nama_kk``). A mapping
file (JSON object or two-column CSV ``kolom_berkas,kolom_sasaran``) maps anything else.
"""
import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from spatial.codelists import CHILD_COLUMNS, FACILITY_COLUMNS, HOUSEHOLD_COLUMNS, VILLAGE_GROWTH_COLUMNS
from spatial.errors import N_, ImportFileError



HOUSEHOLD_ALIASES = {
    "id_keluarga": ("id", "id_kk", "idkeluarga", "id_dtks", "id_dtsen", "id_p3ke", "no_kk", "nomor_kk", "nokk"),
    "nik_kepala": ("nik", "nik_kk", "nik_kepala_keluarga", "nik_krt"),
    "nama_kepala": ("nama_kk", "nama", "nama_kepala_keluarga", "nama_krt"),
    "kode_desa": ("kode_wilayah", "kode_kelurahan", "kode_desa_kelurahan", "kd_desa", "kode_kemendagri",
                  "kode_wilayah_desa", "kode_desa_kel"),
    "alamat": ("alamat_lengkap", "address"),
    "latitude": ("lat", "lintang", "y"),
    "longitude": ("lon", "lng", "long", "bujur", "x"),
    "desil": ("desil_kesejahteraan", "decile", "desil_nasional"),
    "jumlah_anggota": ("jumlah_art", "jml_art", "anggota_keluarga", "jumlah_anggota_keluarga"),
    "jumlah_balita": ("jml_balita", "balita"),
    "ada_lansia": ("lansia",),
    "ada_disabilitas": ("disabilitas",),
    "kepala_perempuan": ("kk_perempuan", "kepala_keluarga_perempuan"),
    "luas_lantai_m2": ("luas_lantai", "luas_lantai_m"),
    "jenis_atap": ("atap",),
    "jenis_dinding": ("dinding",),
    "jenis_lantai": ("lantai",),
    "fasilitas_bab": ("fasilitas_buang_air_besar", "bab"),
    "jenis_kloset": ("kloset",),
    "pembuangan_tinja": ("pembuangan_akhir_tinja", "tinja"),
    "sumber_air_minum": ("air_minum",),
    "sumber_penerangan": ("penerangan",),
    "status_rumah": ("status_kepemilikan_rumah", "status_kepemilikan"),
    "tahun_bantuan_rumah": ("tahun_bantuan",),
}
FACILITY_ALIASES = {
    "id_fasilitas": ("id", "kode_fasilitas"),
    "jenis": ("jenis_fasilitas", "tipe"),
    "nama": ("nama_fasilitas",),
    "kode_desa": HOUSEHOLD_ALIASES["kode_desa"],
    "latitude": HOUSEHOLD_ALIASES["latitude"],
    "longitude": HOUSEHOLD_ALIASES["longitude"],
    "kondisi": ("kondisi_fasilitas",),
    "kapasitas_kk": ("kapasitas",),
}
# e-PPGBM exports and posyandu registers (issue #23).
CHILD_ALIASES = {
    "id_anak": ("id", "id_balita", "kode_anak", "no_register", "no_registrasi", "id_eppgbm"),
    "nik_anak": ("nik", "nik_balita", "nik_bayi"),
    "nama_anak": ("nama", "nama_balita", "nama_bayi"),
    "jenis_kelamin": ("jk", "l_p", "kelamin", "sex", "gender", "jenis_kelamin_anak"),
    "tanggal_lahir": ("tgl_lahir", "tgl_lhr", "tanggal_lahir_anak", "dob"),
    "tanggal_ukur": ("tanggal_pengukuran", "tgl_ukur", "tgl_pengukuran", "tanggal_penimbangan", "tgl_timbang",
                     "tanggal_timbang"),
    "berat_kg": ("berat", "bb", "berat_badan", "bb_kg", "berat_badan_kg"),
    "tinggi_cm": ("tinggi", "tb", "pb", "tb_pb", "pb_tb", "tinggi_badan", "panjang_badan", "tinggi_badan_cm",
                  "tinggi_panjang_badan"),
    "cara_ukur": ("posisi", "posisi_ukur", "cara_pengukuran"),
    "kode_desa": HOUSEHOLD_ALIASES["kode_desa"],
    "posyandu": ("nama_posyandu",),
    "nik_ortu": ("nik_orang_tua", "nik_ortu_wali", "nik_ayah", "nik_ibu", "nik_kepala_keluarga"),
    "no_kk": ("nomor_kk", "kk", "no_kartu_keluarga", "nomor_kartu_keluarga", "id_keluarga"),
}
VILLAGE_GROWTH_ALIASES = {
    "kode_desa": HOUSEHOLD_ALIASES["kode_desa"],
    "periode": ("bulan", "bulan_pengukuran", "bulan_penimbangan", "tahun_bulan"),
    "diukur": ("jumlah_diukur", "balita_diukur", "jumlah_balita_diukur", "jml_diukur"),
    "stunting": ("jumlah_stunting", "balita_stunting", "jml_stunting", "pendek_dan_sangat_pendek"),
    "sangat_pendek": ("jumlah_sangat_pendek", "jml_sangat_pendek"),
    "wasting": ("jumlah_wasting", "balita_wasting", "gizi_kurang_dan_buruk"),
    "balita": ("jumlah_balita", "sasaran_balita", "sasaran", "balita_sasaran"),
}
# Recipient lists of social programmes (issue #24): Kemensos/SIKS-NG exports, BLT-DD lists of the
# villages, the kabupaten's own programme.
RECIPIENT_COLUMNS = ("program", "periode", "id_keluarga", "nik_kepala", "nama_kepala", "kode_desa", "alamat", "nilai")
RECIPIENT_ALIASES = {
    "program": ("nama_program", "program_bantuan", "jenis_bantuan", "bantuan", "jenis_program"),
    "periode": ("tahun", "tahap", "periode_penyaluran", "tahun_anggaran", "tahap_penyaluran", "bulan"),
    "id_keluarga": HOUSEHOLD_ALIASES["id_keluarga"],
    "nik_kepala": HOUSEHOLD_ALIASES["nik_kepala"] + ("nik_penerima", "nik_pengurus", "nik_kpm"),
    "nama_kepala": HOUSEHOLD_ALIASES["nama_kepala"] + ("nama_penerima", "nama_pengurus", "nama_kpm"),
    "kode_desa": HOUSEHOLD_ALIASES["kode_desa"],
    "alamat": HOUSEHOLD_ALIASES["alamat"],
    "nilai": ("nominal", "nilai_bantuan", "jumlah_bantuan", "besaran", "besaran_bantuan", "jumlah_diterima",
              "nilai_rp", "nominal_bantuan"),
}
# Columns a rejects report adds; ignored when that report is fixed and imported again.
REPORT_COLUMNS = ("status", "baris", "alasan", "keterangan")


@dataclass(frozen=True)
class Schema:
    """What one kind of import expects."""
    kind: str                 # value of impor.jenis
    columns: tuple            # canonical columns, in documented order
    required: tuple           # columns that must be present in the file
    aliases: dict
    numbers: tuple = ()       # columns read as numbers (sasaran_angka) in the view imp_baris
    amounts: tuple = ()       # columns read as rupiah amounts (sasaran_rupiah) there


HOUSEHOLDS = Schema("rumah_tangga", HOUSEHOLD_COLUMNS,
                    ("id_keluarga", "nik_kepala", "nama_kepala", "kode_desa", "latitude", "longitude", "desil"),
                    HOUSEHOLD_ALIASES, ("latitude", "longitude", "desil", "jumlah_anggota", "jumlah_balita",
                                        "luas_lantai_m2", "tahun_bantuan_rumah"))
FACILITIES = Schema("fasilitas", FACILITY_COLUMNS,
                    ("id_fasilitas", "jenis", "nama", "kode_desa", "latitude", "longitude", "kondisi"),
                    FACILITY_ALIASES, ("latitude", "longitude", "kapasitas_kk"))
CHILDREN = Schema("pengukuran_anak", CHILD_COLUMNS,
                  ("jenis_kelamin", "tanggal_lahir", "tanggal_ukur", "berat_kg", "tinggi_cm", "kode_desa"),
                  CHILD_ALIASES, ("berat_kg", "tinggi_cm"))
VILLAGE_GROWTH = Schema("gizi_desa", VILLAGE_GROWTH_COLUMNS, ("kode_desa", "periode", "diukur", "stunting"),
                        VILLAGE_GROWTH_ALIASES, ("diukur", "stunting", "sangat_pendek", "wasting", "balita"))

RECIPIENTS = Schema("penerima_bantuan", RECIPIENT_COLUMNS, ("program", "periode", "kode_desa"), RECIPIENT_ALIASES,
                    amounts=("nilai",))


def normalise_header(text) -> str:
    """``' Nama KK '`` -> ``nama_kk``; ``Luas Lantai (m2)`` -> ``luas_lantai_m2``."""
    text = "" if text is None else str(text)
    return re.sub(r"[^0-9a-z]+", "_", text.replace("\ufeff", "").strip().lower()).strip("_")


def read_mapping_file(path) -> dict:
    """A user mapping ``{header in the file: canonical column}`` from JSON or a two-column CSV."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(path.read_text(encoding="utf-8-sig"))
            if not isinstance(data, dict):
                raise ImportFileError(N_('berkas pemetaan %(berkas)s: harus objek JSON {"kolom berkas": "kolom sasaran"}'),
                                      berkas=path.name)
            return {str(k): str(v) for k, v in data.items()}
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = [r for r in csv.reader(handle) if len(r) >= 2 and r[0].strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(N_("berkas pemetaan %(berkas)s tidak dapat dibaca: %(galat)s"), berkas=path.name,
                              galat=str(exc)) from exc
    if rows and normalise_header(rows[0][1]) in ("kolom_sasaran", "sasaran", "target"):
        rows = rows[1:]
    return {r[0]: r[1] for r in rows}


def resolve_columns(header: list, schema: Schema, mapping: dict | None = None, given=()) -> list:
    """Canonical column (or None = ignored) for each header cell; raises when required ones are
    missing (``given``: required columns the user gave one value for, which the file may lack)."""
    lookup = {}
    for canonical in schema.columns:
        lookup[canonical] = canonical
        for alias in schema.aliases.get(canonical, ()):
            lookup.setdefault(alias, canonical)
    for source, target in (mapping or {}).items():
        if normalise_header(target) not in schema.columns:
            raise ImportFileError(N_("berkas pemetaan: kolom sasaran %(kolom)s tidak dikenal (pilihan: %(pilihan)s)"),
                                  kolom=repr(target), pilihan=", ".join(schema.columns))
        lookup[normalise_header(source)] = normalise_header(target)
    resolved: list[str | None] = []
    seen: dict[str, int] = {}
    for position, cell in enumerate(header):
        canonical = lookup.get(normalise_header(cell))
        if canonical in seen:
            raise ImportFileError(N_("kolom %(kolom)s muncul dua kali: %(pertama)s dan %(kedua)s"), kolom=canonical,
                                  pertama=repr(header[seen[canonical]]), kedua=repr(cell))
        if canonical:
            seen[canonical] = position
        resolved.append(canonical)
    missing = [c for c in schema.required if c not in seen and c not in given]
    if missing:
        found = ", ".join(repr(str(h)) for h in header if str(h or "").strip()) or "-"
        raise ImportFileError(N_("kolom wajib tidak ditemukan: %(kolom)s. Kolom dalam berkas: %(ada)s. "
                                 "Ganti nama kolom atau gunakan berkas pemetaan kolom."),
                              kolom=", ".join(missing), ada=found)
    return resolved
