-- The entries matched for the rows flagged nilai_lain (imp_nilai, one row per distinct cell) go to
-- the narrow side table imp_nilai_baris, which rt_siap / fas_siap read beside imp_cek (rewriting
-- a million wide imp_cek rows cost 18 s for a file all in other spellings, bench/). A value
-- nothing matched leaves the attribute empty with a warning kategori_tidak_valid (the cell and
-- the suggestion in keterangan); in a column the row cannot do without (a facility's jenis) it
-- rejects the row instead: only those few rows are updated in imp_cek. Composed by
-- spatial/importer/values.py: the columns, one LEFT JOIN imp_nilai nN per column, the entry per
-- column, and the messages of the columns whose unknown value warns / rejects.
-- CREATE TABLE AS, not INSERT: it runs in parallel workers. With no other spelling in the file the
-- table is created empty (the filter is then false) and nothing is read.
CREATE UNLOGGED TABLE imp_nilai_baris AS
SELECT m.urutan, {values}, array_remove(ARRAY[{warn}]::text[], NULL) AS peringatan,
       array_remove(ARRAY[{reject}]::text[], NULL) AS tolak
  FROM imp_mentah m
  {joins}
 WHERE {flagged};
ANALYZE imp_nilai_baris;
UPDATE imp_cek c
   SET peringatan = c.peringatan || CASE WHEN v.peringatan <> '{{}}' THEN ARRAY['kategori_tidak_valid'] ELSE '{{}}' END,
       alasan = c.alasan || CASE WHEN v.tolak <> '{{}}' THEN ARRAY['kategori_tidak_valid'] ELSE '{{}}' END,
       keterangan = c.keterangan || v.tolak || v.peringatan
  FROM imp_nilai_baris v
 WHERE v.urutan = c.urutan AND (v.peringatan <> '{{}}' OR v.tolak <> '{{}}');
