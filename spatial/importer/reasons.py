"""The reasons an import gives for a rejected or warned row, in words (the codes stay in the
report and the docs; pages show "NIK bukan 16 angka (nik_tidak_valid)")."""
from spatial.errors import N_

REASONS = {
    "id_kosong": N_("ID kosong"),
    "nik_tidak_valid": N_("NIK bukan 16 angka"),
    "kode_desa_tidak_dikenal": N_("kode desa tidak dikenal"),
    "koordinat_di_luar_indonesia": N_("koordinat di luar Indonesia"),
    "id_ganda": N_("ID muncul dua kali dalam berkas"),
    "nik_ganda": N_("NIK sudah dipakai rumah tangga lain"),
    "pindah_wilayah": N_("akan memindahkan data ke kabupaten lain"),
    "di_luar_wilayah": N_("di luar wilayah kerja Anda"),
    "kategori_tidak_valid": N_("nilai daftar kode tidak dikenal (dikosongkan)"),
    "desil_di_luar_rentang": N_("desil bukan 1–10 (dikosongkan)"),
    "angka_tidak_valid": N_("angka tidak terbaca (dikosongkan)"),
    "koordinat_tidak_lengkap": N_("koordinat tidak lengkap (lokasi menurut desa)"),
    "koordinat_tertukar": N_("lintang dan bujur tertukar (diperbaiki)"),
    "lokasi_meragukan": N_("titik lebih dari 5 km di luar desanya"),
}
