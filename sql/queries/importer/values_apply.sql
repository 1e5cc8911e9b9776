-- The entries matched for the rows flagged nilai_lain (imp_nilai, one row per distinct cell).
-- A value nothing matched leaves the attribute empty with a warning kategori_tidak_valid (and
-- the cell and the suggestion in keterangan); in a column the row cannot do without (a
-- facility's jenis) it rejects the row instead. Composed by spatial/import_values.py: one
-- LEFT JOIN imp_nilai nN per column, the entry per column, the assignments, and the messages of
-- the columns whose unknown value warns / rejects.
UPDATE imp_cek c
   SET {set},
       peringatan = c.peringatan || CASE WHEN x.peringatan <> '{{}}' THEN ARRAY['kategori_tidak_valid'] ELSE '{{}}' END,
       alasan = c.alasan || CASE WHEN x.tolak <> '{{}}' THEN ARRAY['kategori_tidak_valid'] ELSE '{{}}' END,
       keterangan = c.keterangan || x.tolak || x.peringatan
  FROM (SELECT m.urutan, {values},
               array_remove(ARRAY[{warn}]::text[], NULL) AS peringatan,
               array_remove(ARRAY[{reject}]::text[], NULL) AS tolak
          FROM imp_mentah m
          {joins}
         WHERE m.urutan IN (SELECT urutan FROM imp_cek WHERE nilai_lain)) x
 WHERE c.urutan = x.urutan;
