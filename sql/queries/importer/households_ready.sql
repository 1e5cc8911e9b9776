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
       c.desil, c.jumlah_anggota, c.jumlah_balita,
       -- a code-list cell written otherwise than as an entry: its match in imp_nilai_baris
       coalesce(c.ada_lansia, v.ada_lansia) AS ada_lansia, coalesce(c.ada_disabilitas, v.ada_disabilitas) AS ada_disabilitas,
       coalesce(c.kepala_perempuan, v.kepala_perempuan) AS kepala_perempuan, c.luas_lantai_m2,
       coalesce(c.jenis_atap, v.jenis_atap) AS jenis_atap, coalesce(c.jenis_dinding, v.jenis_dinding) AS jenis_dinding,
       coalesce(c.jenis_lantai, v.jenis_lantai) AS jenis_lantai, coalesce(c.fasilitas_bab, v.fasilitas_bab) AS fasilitas_bab,
       coalesce(c.jenis_kloset, v.jenis_kloset) AS jenis_kloset,
       coalesce(c.pembuangan_tinja, v.pembuangan_tinja) AS pembuangan_tinja,
       coalesce(c.sumber_air_minum, v.sumber_air_minum) AS sumber_air_minum,
       coalesce(c.sumber_penerangan, v.sumber_penerangan) AS sumber_penerangan,
       coalesce(c.status_rumah, v.status_rumah) AS status_rumah, c.tahun_bantuan_rumah
  FROM imp_cek c
  LEFT JOIN imp_tempat t ON t.urutan = c.urutan
  LEFT JOIN imp_nilai_baris v ON v.urutan = c.urutan
  JOIN desa d ON d.kode_desa = coalesce(t.kode_desa, c.kode_desa_deklarasi)
 WHERE c.alasan = '{}' AND (t.alasan IS NULL OR t.alasan = '{}');  -- "= '{}'": estimated from the statistics
