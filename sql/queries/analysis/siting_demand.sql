-- Unserved located households of a gaps run for one service, in their kabupaten's UTM metres.
SELECT z.srid, ST_X(p.g) AS x, ST_Y(p.g) AS y, COALESCE(h.desil <= 2, false) AS miskin
FROM analisis_akses a
JOIN rumah_tangga h ON h.kode_prov = a.kode_prov AND h.id = a.rumah_tangga_id
JOIN _zona z USING (kode_kab)
CROSS JOIN LATERAL (SELECT ST_Transform(h.geom, z.srid) AS g) p
WHERE a.run_id = %(run_id)s AND h.geom IS NOT NULL
  AND NOT CASE WHEN %(layanan)s = 'air' THEN a.terlayani_air ELSE a.terlayani_sanitasi END
ORDER BY h.kode_prov, h.id
