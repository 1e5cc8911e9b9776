-- Facilities that passed every check, located -> fas_siap.
CREATE TEMP TABLE fas_siap ON COMMIT DROP AS
SELECT c.id_fasilitas, c.jenis, c.nama, c.kode_desa_deklarasi, t.kode_desa, left(t.kode_desa, 5) AS kode_kab,
       c.kondisi, c.kapasitas_kk, t.geom
  FROM imp_cek c JOIN imp_tempat t ON t.urutan = c.urutan
 WHERE cardinality(c.alasan) = 0 AND cardinality(t.alasan) = 0;
