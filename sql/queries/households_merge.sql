-- Upsert rt_siap into rumah_tangga by id_keluarga: rows whose attributes changed (or that were
-- inactive) are updated, new ones inserted, identical ones untouched.
-- Returns (ditambah, diubah, tetap). Requires the import id in impor_aktif.
WITH changed AS (
    UPDATE rumah_tangga r
       SET kode_prov = h.kode_prov, nik_kepala = h.nik_kepala, nama_kepala = h.nama_kepala,
           kode_desa_deklarasi = h.kode_desa_deklarasi, kode_desa = h.kode_desa, kode_kec = h.kode_kec,
           kode_kab = h.kode_kab, alamat = h.alamat, geom = h.geom, kualitas_lokasi = h.kualitas_lokasi,
           desil = h.desil, jumlah_anggota = h.jumlah_anggota, jumlah_balita = h.jumlah_balita,
           ada_lansia = h.ada_lansia, ada_disabilitas = h.ada_disabilitas, kepala_perempuan = h.kepala_perempuan,
           luas_lantai_m2 = h.luas_lantai_m2, jenis_atap = h.jenis_atap, jenis_dinding = h.jenis_dinding,
           jenis_lantai = h.jenis_lantai, fasilitas_bab = h.fasilitas_bab, jenis_kloset = h.jenis_kloset,
           pembuangan_tinja = h.pembuangan_tinja, sumber_air_minum = h.sumber_air_minum,
           sumber_penerangan = h.sumber_penerangan, status_rumah = h.status_rumah,
           tahun_bantuan_rumah = h.tahun_bantuan_rumah, aktif = true,
           impor_id = (SELECT id FROM impor_aktif), hash_baris = h.hash_baris, diubah_pada = now()
      FROM rt_siap h
     WHERE r.id_keluarga = h.id_keluarga
       AND (r.hash_baris IS DISTINCT FROM h.hash_baris OR NOT r.aktif)
    RETURNING r.id_keluarga
), added AS (
    INSERT INTO rumah_tangga (kode_prov, id_keluarga, nik_kepala, nama_kepala, kode_desa_deklarasi, kode_desa,
        kode_kec, kode_kab, alamat, geom, kualitas_lokasi, desil, jumlah_anggota, jumlah_balita, ada_lansia,
        ada_disabilitas, kepala_perempuan, luas_lantai_m2, jenis_atap, jenis_dinding, jenis_lantai,
        fasilitas_bab, jenis_kloset, pembuangan_tinja, sumber_air_minum, sumber_penerangan, status_rumah,
        tahun_bantuan_rumah, impor_id, hash_baris)
    SELECT h.kode_prov, h.id_keluarga, h.nik_kepala, h.nama_kepala, h.kode_desa_deklarasi, h.kode_desa,
        h.kode_kec, h.kode_kab, h.alamat, h.geom, h.kualitas_lokasi, h.desil, h.jumlah_anggota, h.jumlah_balita,
        h.ada_lansia, h.ada_disabilitas, h.kepala_perempuan, h.luas_lantai_m2, h.jenis_atap, h.jenis_dinding,
        h.jenis_lantai, h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja, h.sumber_air_minum,
        h.sumber_penerangan, h.status_rumah, h.tahun_bantuan_rumah, (SELECT id FROM impor_aktif), h.hash_baris
      FROM rt_siap h
     WHERE NOT EXISTS (SELECT 1 FROM rumah_tangga r WHERE r.id_keluarga = h.id_keluarga)
    RETURNING id_keluarga
)
SELECT (SELECT count(*) FROM added) AS ditambah,
       (SELECT count(*) FROM changed) AS diubah,
       (SELECT count(*) FROM rt_siap) - (SELECT count(*) FROM added) - (SELECT count(*) FROM changed) AS tetap;
