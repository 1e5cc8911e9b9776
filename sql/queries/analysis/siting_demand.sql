-- Unserved located households of a gaps run (one kabupaten) for one service, in the metres of the
-- kabupaten's UTM zone, in registry-id order (the same households give the same model anywhere).
SELECT ST_X(p.g) AS x, ST_Y(p.g) AS y, COALESCE(h.desil <= 2, false) AS miskin
FROM analisis_akses a
JOIN rumah_tangga h ON h.kode_prov = a.kode_prov AND h.id = a.rumah_tangga_id
CROSS JOIN LATERAL (SELECT ST_Transform(h.geom, %(srid)s::int) AS g) p
WHERE a.run_id = %(run_id)s AND h.geom IS NOT NULL
  AND NOT CASE WHEN %(layanan)s = 'air' THEN a.terlayani_air ELSE a.terlayani_sanitasi END
ORDER BY h.id_keluarga, h.kode_prov
