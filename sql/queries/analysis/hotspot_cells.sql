-- Square grid cells of sel_m metres in the kabupaten's UTM zone: its households and poor
-- households per cell (cells with fewer than min_rt households are left out: no rate).
SELECT floor(ST_X(p.g) / %(sel_m)s::float8)::int AS i, floor(ST_Y(p.g) / %(sel_m)s::float8)::int AS j,
       count(*)::int AS rumah_tangga, (count(*) FILTER (WHERE h.desil <= %(desil_maks)s))::int AS miskin
FROM rumah_tangga h
CROSS JOIN LATERAL (SELECT ST_Transform(h.geom, %(srid)s::int) AS g) p
WHERE h.kode_kab = %(kode_kab)s AND h.aktif AND h.geom IS NOT NULL
GROUP BY 1, 2
HAVING count(*) >= %(min_rt)s
ORDER BY 1, 2
