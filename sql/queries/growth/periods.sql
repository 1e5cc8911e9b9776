-- Months with village figures in the region, newest first.
SELECT DISTINCT periode FROM gizi_desa_periode
 WHERE dalam_wilayah(kode_desa, %(wilayah)s)
 ORDER BY periode DESC;
