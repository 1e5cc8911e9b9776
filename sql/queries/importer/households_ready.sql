-- Households that passed every check, located -> view rt_siap (read by households_known.sql,
-- households_update.sql and households_insert.sql; a view, not a table: writing a million wide
-- rows once more would cost more than the joins).
CREATE TEMP VIEW rt_siap AS
SELECT c.urutan, c.id_keluarga, c.nik_kepala, c.nama_kepala, c.kode_desa_deklarasi, c.alamat,
       -- not in imp_tempat: the point as given in the declared village, or no coordinates
       CASE WHEN t.urutan IS NULL THEN ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326) ELSE t.geom END AS geom,
       coalesce(t.kode_desa, c.kode_desa_deklarasi) AS kode_desa,
       coalesce(t.kualitas_lokasi, CASE WHEN c.lat IS NULL THEN 'lokasi_perkiraan' ELSE 'gps' END) AS kualitas_lokasi,
       t.urutan IS NOT NULL AS pengecualian,  -- located otherwise than as declared (imp_tempat)
       d.kode_kec, d.kode_kab, d.kode_prov,
       c.desil, c.jumlah_anggota, c.jumlah_balita, c.ada_lansia, c.ada_disabilitas, c.kepala_perempuan,
       c.luas_lantai_m2, c.jenis_atap, c.jenis_dinding, c.jenis_lantai, c.fasilitas_bab, c.jenis_kloset,
       c.pembuangan_tinja, c.sumber_air_minum, c.sumber_penerangan, c.status_rumah, c.tahun_bantuan_rumah
  FROM imp_cek c
  LEFT JOIN imp_tempat t ON t.urutan = c.urutan
  JOIN desa d ON d.kode_desa = coalesce(t.kode_desa, c.kode_desa_deklarasi)
 WHERE c.alasan = '{}' AND (t.alasan IS NULL OR t.alasan = '{}');  -- "= '{}'": estimated from the statistics
