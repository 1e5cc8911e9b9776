-- The distinct code-list cells of the rows the check flagged nilai_lain (written otherwise than
-- as an entry or its answer number in some column), with how many rows hold each: one pass over
-- those rows with one grouping set per column (composed by spatial/importer/values.py from the
-- kind's columns; the GROUPING mask tells which column a result row is of). The fast forms among
-- them are left out in Python; each other value is matched once and stored in imp_nilai.
SELECT GROUPING({mask}) AS tak_dikelompokkan, {cols}, count(*)
  FROM imp_mentah m
 WHERE m.urutan IN (SELECT c.urutan FROM imp_cek c WHERE c.nilai_lain)
 GROUP BY GROUPING SETS ({sets});
