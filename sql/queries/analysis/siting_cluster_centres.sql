-- Centres (point on surface) of the unserved clusters of a gaps run, as candidate sites.
SELECT z.srid, ST_X(p.g) AS x, ST_Y(p.g) AS y
FROM analisis_celah_klaster k
CROSS JOIN LATERAL (SELECT ST_PointOnSurface(k.geom) AS c) c
JOIN desa_bagian b ON ST_Intersects(b.geom, c.c)
JOIN desa d ON d.kode_desa = b.kode_desa
JOIN _zona z ON z.kode_kab = d.kode_kab
CROSS JOIN LATERAL (SELECT ST_Transform(c.c, z.srid) AS g) p
WHERE k.run_id = %(run_id)s AND k.layanan = %(layanan)s
ORDER BY k.klaster_id
