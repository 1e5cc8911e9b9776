-- Square grid cells of sel_m metres in each kabupaten's UTM zone: households and poor
-- households per cell (cells with fewer than min_rt households are left out: no rate).
SELECT z.srid, floor(ST_X(p.g) / %(sel_m)s::float8)::int AS i, floor(ST_Y(p.g) / %(sel_m)s::float8)::int AS j,
       count(*)::int AS rumah_tangga, (count(*) FILTER (WHERE h.desil <= %(desil_maks)s))::int AS miskin
FROM rumah_tangga h
JOIN _zona z USING (kode_kab)
CROSS JOIN LATERAL (SELECT ST_Transform(h.geom, z.srid) AS g) p
WHERE h.aktif AND h.geom IS NOT NULL
GROUP BY 1, 2, 3
HAVING count(*) >= %(min_rt)s
ORDER BY 1, 2, 3
