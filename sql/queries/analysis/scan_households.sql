-- Located, active households of one kabupaten in the metre coordinates of its UTM zone, with
-- whether they are poor (desil 1..desil_maks; unknown desil counts as not poor), for the scan;
-- in registry-id order (the Monte Carlo is seeded: the same households give the same clusters).
SELECT h.kode_kab, h.kode_prov, h.id, ST_X(p.g) AS x, ST_Y(p.g) AS y,
       COALESCE(h.desil <= %(desil_maks)s, false) AS miskin
FROM rumah_tangga h
CROSS JOIN LATERAL (SELECT ST_Transform(h.geom, %(srid)s::int) AS g) p
WHERE h.kode_kab = %(kode_kab)s AND h.aktif AND h.geom IS NOT NULL
ORDER BY h.id_keluarga, h.kode_prov
