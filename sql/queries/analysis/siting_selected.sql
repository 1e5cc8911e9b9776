-- Selected sites of the given siting runs (one per kabupaten) in order of marginal gain, with the
-- village name. Only the user's region scope (wilayah, NULL = everything).
SELECT r.kode_wilayah AS kode_kab, k.nama AS nama_kab, l.layanan, l.urutan, l.tambahan, l.kumulatif, l.cakupan,
       l.kode_desa, d.nama, round(ST_Y(l.geom)::numeric, 5) AS lat, round(ST_X(l.geom)::numeric, 5) AS lon
FROM analisis_lokasi l
JOIN analisis_run r ON r.id = l.run_id
JOIN kabupaten k ON k.kode_kab = r.kode_wilayah
LEFT JOIN desa d ON d.kode_desa = l.kode_desa
WHERE l.run_id = ANY(%(runs)s::bigint[]) AND l.terpilih
  AND CASE WHEN l.kode_desa IS NOT NULL THEN dalam_wilayah(l.kode_desa, %(wilayah)s)
           ELSE geom_dalam_wilayah(l.geom, %(wilayah)s) END
ORDER BY r.kode_wilayah, l.layanan, l.urutan
