-- Rows that would move a stored facility (same id in the same kabupaten, kode_kab_registri) to a
-- village of another kabupaten -> imp_pindah, marked by importer/moves_mark.sql.
CREATE TEMP TABLE imp_pindah ON COMMIT DROP AS
SELECT c.urutan, f.kode_kab AS kab_lama, left(coalesce(t.kode_desa, c.kode_desa_deklarasi), 5) AS kab_baru
  FROM imp_cek c
  LEFT JOIN imp_tempat t ON t.urutan = c.urutan
  JOIN fasilitas f ON f.id_fasilitas = c.id_fasilitas AND f.kode_kab_registri = left(c.kode_desa_deklarasi, 5)
 WHERE cardinality(c.alasan) = 0 AND coalesce(cardinality(t.alasan), 0) = 0
   AND f.kode_kab IS DISTINCT FROM left(coalesce(t.kode_desa, c.kode_desa_deklarasi), 5);
