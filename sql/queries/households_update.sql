-- Upsert, first half: households of rt_siap already in rumah_tangga (by id_keluarga) whose imported
-- attributes changed (compared column by column, geometry included) or that were inactive are
-- updated; identical ones are untouched. Requires the import id in impor_aktif.
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
       impor_id = (SELECT id FROM impor_aktif), diubah_pada = now()
  FROM rt_siap h
 WHERE r.id_keluarga = h.id_keluarga
   AND (NOT r.aktif
        OR (r.nik_kepala, r.nama_kepala, r.kode_desa_deklarasi, r.alamat, r.geom, r.desil, r.jumlah_anggota,
            r.jumlah_balita, r.ada_lansia, r.ada_disabilitas, r.kepala_perempuan, r.luas_lantai_m2,
            r.jenis_atap, r.jenis_dinding, r.jenis_lantai, r.fasilitas_bab, r.jenis_kloset,
            r.pembuangan_tinja, r.sumber_air_minum, r.sumber_penerangan, r.status_rumah,
            r.tahun_bantuan_rumah, r.kode_desa, r.kualitas_lokasi)
           IS DISTINCT FROM
           (h.nik_kepala, h.nama_kepala, h.kode_desa_deklarasi, h.alamat, h.geom, h.desil, h.jumlah_anggota,
            h.jumlah_balita, h.ada_lansia, h.ada_disabilitas, h.kepala_perempuan, h.luas_lantai_m2,
            h.jenis_atap, h.jenis_dinding, h.jenis_lantai, h.fasilitas_bab, h.jenis_kloset,
            h.pembuangan_tinja, h.sumber_air_minum, h.sumber_penerangan, h.status_rumah,
            h.tahun_bantuan_rumah, h.kode_desa, h.kualitas_lokasi));
