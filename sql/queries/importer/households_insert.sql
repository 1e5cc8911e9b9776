-- Upsert, second half: households of rt_siap not yet in rumah_tangga (not in imp_ada) are
-- inserted into {tabel}: rumah_tangga itself, or a detached empty province partition
-- (households_bulk_start.sql; then kode_prov is that province and hanya_prov true: only its rows;
-- the others go to rumah_tangga with hanya_prov false; all clean rows declare a village of that
-- province, so those others can only be rows of imp_tempat, located elsewhere). Without a bulk
-- load kode_prov is NULL and hanya_prov false: every row.
-- The id comes from rumah_tangga's identity sequence (a detached partition has no default).
INSERT INTO {tabel} (id, kode_prov, id_keluarga, nik_kepala, nama_kepala, kode_desa_deklarasi, kode_desa,
    kode_kec, kode_kab, alamat, geom, kualitas_lokasi, desil, jumlah_anggota, jumlah_balita, ada_lansia,
    ada_disabilitas, kepala_perempuan, luas_lantai_m2, jenis_atap, jenis_dinding, jenis_lantai,
    fasilitas_bab, jenis_kloset, pembuangan_tinja, sumber_air_minum, sumber_penerangan, status_rumah,
    tahun_bantuan_rumah, impor_id, aktif, dibuat_pada, diubah_pada)
SELECT nextval('rumah_tangga_id_seq'), h.kode_prov, h.id_keluarga, h.nik_kepala, h.nama_kepala,
    h.kode_desa_deklarasi, h.kode_desa, h.kode_kec, h.kode_kab, h.alamat, h.geom, h.kualitas_lokasi, h.desil, h.jumlah_anggota, h.jumlah_balita,
    h.ada_lansia, h.ada_disabilitas, h.kepala_perempuan, h.luas_lantai_m2, h.jenis_atap, h.jenis_dinding,
    h.jenis_lantai, h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja, h.sumber_air_minum,
    h.sumber_penerangan, h.status_rumah, h.tahun_bantuan_rumah, (SELECT id FROM impor_aktif), true, now(), now()
  FROM rt_siap h
 WHERE NOT EXISTS (SELECT 1 FROM imp_ada a WHERE a.urutan = h.urutan)  -- not yet stored (households_known.sql)
   AND (h.kode_prov IS NOT DISTINCT FROM %(kode_prov)s) = %(hanya_prov)s
   AND (h.pengecualian OR %(kode_prov)s IS NULL OR %(hanya_prov)s);
