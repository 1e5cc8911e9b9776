-- Raw household rows as text, one per data row of the file (urutan = 1-based data row number).
CREATE TEMP TABLE rt_mentah (
    urutan integer, id_keluarga text, nik_kepala text, nama_kepala text, kode_desa text, alamat text,
    latitude text, longitude text, desil text, jumlah_anggota text, jumlah_balita text,
    ada_lansia text, ada_disabilitas text, kepala_perempuan text, luas_lantai_m2 text,
    jenis_atap text, jenis_dinding text, jenis_lantai text, fasilitas_bab text, jenis_kloset text,
    pembuangan_tinja text, sumber_air_minum text, sumber_penerangan text, status_rumah text,
    tahun_bantuan_rumah text
) ON COMMIT DROP;
