-- Upsert, first half: households of rt_siap already in rumah_tangga (the record found by
-- households_known.sql; a move it refused is no longer in rt_siap) whose imported attributes
-- changed or that were inactive (imp_ada.berubah, households_known.sql) are updated; identical
-- ones are untouched. Requires the import id in impor_aktif.
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
  JOIN imp_ada a ON a.urutan = h.urutan AND a.berubah
 WHERE r.kode_prov = a.kode_prov AND r.id = a.id;
