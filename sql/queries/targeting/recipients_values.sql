-- The programme of a recipient row written otherwise than as an entry ("Program Keluarga Harapan",
-- "Sembako"): its match from the value step's side table imp_nilai_baris (importer/values_apply.sql)
-- goes into imp_cek, which the duplicate check and the merge read. Only the flagged rows are
-- updated; a value nothing matched has already rejected its row (program is required).
UPDATE imp_cek c
   SET program = v.program
  FROM imp_nilai_baris v
 WHERE v.urutan = c.urutan AND v.program IS NOT NULL AND c.program IS NULL;
