-- The distinct code-list cells of the rows flagged nilai_lain (the check) that are not taken as
-- they are (imp_daftar.cepat), with how many rows hold each; spatial/import_values.py matches each
-- once and stores the answer in imp_nilai. The VALUES list (composed there) holds one
-- ('column', m.column) pair per code-list column of this kind of file.
SELECT v.kolom, v.mentah, count(*)
  FROM imp_cek c
  JOIN imp_mentah m ON m.urutan = c.urutan
 CROSS JOIN LATERAL (VALUES {sel}) v(kolom, mentah)
  JOIN imp_daftar d ON d.kolom = v.kolom
 WHERE c.nilai_lain AND btrim(v.mentah) <> '' AND array_position(d.cepat, v.mentah) IS NULL
 GROUP BY 1, 2;
