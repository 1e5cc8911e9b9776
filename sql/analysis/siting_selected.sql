-- Selected sites of one siting run in order of marginal gain, with the village name.
SELECT l.layanan, l.urutan, l.tambahan, l.kumulatif, l.cakupan, l.kode_desa, d.nama,
       round(ST_Y(l.geom)::numeric, 5) AS lat, round(ST_X(l.geom)::numeric, 5) AS lon
FROM analisis_lokasi l LEFT JOIN desa d USING (kode_desa)
WHERE l.run_id = %(run_id)s AND l.terpilih ORDER BY l.layanan, l.urutan
