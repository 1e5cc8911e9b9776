-- The programmes and periods that have recipient rows in the user's region, newest period first.
SELECT program, periode, count(*) AS baris
  FROM penerima_bantuan
 WHERE dalam_wilayah(kode_desa_deklarasi, %(wilayah)s)
 GROUP BY program, periode
 ORDER BY program, periode DESC;
