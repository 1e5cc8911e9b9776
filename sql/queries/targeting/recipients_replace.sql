-- "Ganti daftar": the file is the whole list of its programmes and periods in its kabupaten (within
-- the importing user's region wilayah): their stored rows that the file no longer holds are
-- deleted. Returns nothing; the row count is the number deleted.
DELETE FROM penerima_bantuan p
 USING (SELECT DISTINCT program, periode, left(kode_desa_deklarasi, 5) AS kab
          FROM imp_cek WHERE cardinality(alasan) = 0) f
 WHERE p.program = f.program AND p.periode = f.periode AND p.kode_kab_registri = f.kab
   AND dalam_wilayah(p.kode_desa_deklarasi, %(wilayah)s)
   AND NOT EXISTS (SELECT 1 FROM imp_cek c
                    WHERE cardinality(c.alasan) = 0 AND c.program = p.program AND c.periode = p.periode
                      AND c.kode_desa_deklarasi = p.kode_desa_deklarasi AND c.kunci = p.kunci);
