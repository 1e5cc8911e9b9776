-- Selected sites of one siting run in order of marginal gain, with the village name. Only the user's region scope (wilayah, NULL = everything).
SELECT l.layanan, l.urutan, l.tambahan, l.kumulatif, l.cakupan, l.kode_desa, d.nama,
       round(ST_Y(l.geom)::numeric, 5) AS lat, round(ST_X(l.geom)::numeric, 5) AS lon
FROM analisis_lokasi l LEFT JOIN desa d USING (kode_desa)
WHERE l.run_id = %(run_id)s AND l.terpilih
  AND CASE WHEN l.kode_desa IS NOT NULL THEN dalam_wilayah(l.kode_desa, %(wilayah)s)
           ELSE geom_dalam_wilayah(l.geom, %(wilayah)s) END
ORDER BY l.layanan, l.urutan
