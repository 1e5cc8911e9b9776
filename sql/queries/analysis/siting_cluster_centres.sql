-- Centres (point on surface) of the unserved clusters of a gaps run, in the metres of the
-- kabupaten's UTM zone, as candidate sites.
SELECT ST_X(p.g) AS x, ST_Y(p.g) AS y
FROM analisis_celah_klaster k
CROSS JOIN LATERAL (SELECT ST_Transform(ST_PointOnSurface(k.geom), %(srid)s::int) AS g) p
WHERE k.run_id = %(run_id)s AND k.layanan = %(layanan)s
ORDER BY k.klaster_id
