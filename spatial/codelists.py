"""Code lists of the household and facility import format (BPS/DTKS questionnaire categories).

This module is the single place where valid category values and the BPS definitions of
improved sanitation (sanitasi layak) and safe drinking water (air minum layak) live.
Values are stored lower-case exactly as listed here. Importers match what registry files write
(other spellings, the questionnaire's answer numbers, synonyms: spatial/vocabulary.py with the
table spatial/codelist_synonyms.toml) to these entries.
"""

HOUSEHOLD_COLUMNS = (
    "id_keluarga", "nik_kepala", "nama_kepala", "kode_desa", "alamat", "latitude", "longitude",
    "desil", "jumlah_anggota", "jumlah_balita", "ada_lansia", "ada_disabilitas",
    "kepala_perempuan", "luas_lantai_m2", "jenis_atap", "jenis_dinding", "jenis_lantai",
    "fasilitas_bab", "jenis_kloset", "pembuangan_tinja", "sumber_air_minum",
    "sumber_penerangan", "status_rumah", "tahun_bantuan_rumah",
)

FACILITY_COLUMNS = (
    "id_fasilitas", "jenis", "nama", "kode_desa", "latitude", "longitude", "kondisi", "kapasitas_kk",
)

# Child growth (posyandu, e-PPGBM-like; issue #23): one row per measurement, and village counts.
CHILD_COLUMNS = (
    "id_anak", "nik_anak", "nama_anak", "jenis_kelamin", "tanggal_lahir", "tanggal_ukur", "berat_kg",
    "tinggi_cm", "cara_ukur", "kode_desa", "posyandu", "nik_ortu", "no_kk",
)
VILLAGE_GROWTH_COLUMNS = ("kode_desa", "periode", "diukur", "stunting", "sangat_pendek", "wasting", "balita")
JENIS_KELAMIN = ("laki-laki", "perempuan")   # stored as L / P
CARA_UKUR = ("terlentang", "berdiri")        # length (lying) / height (standing)

JENIS_ATAP = (
    "beton", "genteng", "seng", "asbes", "kayu/sirap", "bambu", "jerami/ijuk/daun/rumbia", "lainnya",
)
JENIS_DINDING = (
    "tembok", "plesteran anyaman bambu/kawat", "kayu/papan", "anyaman bambu", "batang kayu",
    "bambu", "lainnya",
)
JENIS_LANTAI = (
    "marmer/granit", "keramik", "parket/vinil/karpet", "ubin/tegel/teraso", "kayu/papan",
    "semen/bata merah", "bambu", "tanah", "lainnya",
)
FASILITAS_BAB = ("sendiri", "bersama", "mck komunal", "umum", "tidak ada")
JENIS_KLOSET = ("leher angsa", "plengsengan dengan tutup", "plengsengan tanpa tutup", "cemplung/cubluk")
PEMBUANGAN_TINJA = (
    "tangki septik", "ipal", "kolam/sawah/sungai/danau/laut", "lubang tanah",
    "pantai/tanah lapang/kebun", "lainnya",
)
SUMBER_AIR_MINUM = (
    "air kemasan", "air isi ulang", "ledeng", "sumur bor/pompa", "sumur terlindung",
    "sumur tak terlindung", "mata air terlindung", "mata air tak terlindung", "air sungai/danau",
    "air hujan", "lainnya",
)
SUMBER_PENERANGAN = ("listrik pln meteran", "listrik pln tanpa meteran", "listrik non-pln", "bukan listrik")
STATUS_RUMAH = ("milik sendiri", "kontrak/sewa", "bebas sewa", "dinas", "lainnya")

HOUSEHOLD_CATEGORIES = {
    "jenis_atap": JENIS_ATAP,
    "jenis_dinding": JENIS_DINDING,
    "jenis_lantai": JENIS_LANTAI,
    "fasilitas_bab": FASILITAS_BAB,
    "jenis_kloset": JENIS_KLOSET,
    "pembuangan_tinja": PEMBUANGAN_TINJA,
    "sumber_air_minum": SUMBER_AIR_MINUM,
    "sumber_penerangan": SUMBER_PENERANGAN,
    "status_rumah": STATUS_RUMAH,
}

# Facilities: type codes, grouped by the service they provide.
FACILITY_TYPES = {
    "sumur_bor": "air",
    "hidran_umum": "air",
    "spam": "air",
    "mck_komunal": "sanitasi",
    "ipal_komunal": "sanitasi",
    "posyandu": "kesehatan",
    "puskesmas": "kesehatan",
    "pustu": "kesehatan",
    "sekolah": "pendidikan",
}
KONDISI_FASILITAS = ("baik", "rusak ringan", "rusak berat", "tidak berfungsi")
KONDISI_BERFUNGSI = ("baik", "rusak ringan")

# Yes/no columns (stored as boolean): the code list "ya_tidak"; other spellings and the answer
# numbers are in codelist_synonyms.toml.
BOOLEAN_COLUMNS = ("ada_lansia", "ada_disabilitas", "kepala_perempuan")
YA_TIDAK = ("ya", "tidak")

# BPS definitions (Susenas/SDGs 6.1 and 6.2 as used in DTKS), in one place.
# Safe water (air minum layak): improved source. Bottled/refill water counts as layak here
# (BPS counts it when the household's water for bathing/washing is also improved; the registry
# does not record that, so it is taken as layak).
AIR_MINUM_LAYAK = frozenset({
    "air kemasan", "air isi ulang", "ledeng", "sumur bor/pompa", "sumur terlindung",
    "mata air terlindung", "air hujan",
})
# Improved sanitation (sanitasi layak): own/shared/communal facility, goose-neck toilet,
# excreta to a septic tank or a treatment plant (IPAL).
FASILITAS_BAB_LAYAK = frozenset({"sendiri", "bersama", "mck komunal"})
JENIS_KLOSET_LAYAK = frozenset({"leher angsa"})
PEMBUANGAN_TINJA_LAYAK = frozenset({"tangki septik", "ipal"})
