-- Facilities that passed every check, located -> fas_siap (not in imp_tempat: the point as given
-- in the declared village, see importer/locate.sql).
CREATE TEMP TABLE fas_siap ON COMMIT DROP AS
SELECT c.id_fasilitas, coalesce(c.jenis, v.jenis) AS jenis, c.nama, c.kode_desa_deklarasi, coalesce(t.kode_desa, c.kode_desa_deklarasi) AS kode_desa,
       left(coalesce(t.kode_desa, c.kode_desa_deklarasi), 5) AS kode_kab, coalesce(c.kondisi, v.kondisi) AS kondisi,
       c.kapasitas_kk,
       CASE WHEN t.urutan IS NULL THEN ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326) ELSE t.geom END AS geom
  FROM imp_cek c LEFT JOIN imp_tempat t ON t.urutan = c.urutan
  LEFT JOIN imp_nilai_baris v ON v.urutan = c.urutan  -- entries of cells written otherwise
 WHERE cardinality(c.alasan) = 0 AND coalesce(cardinality(t.alasan), 0) = 0;
