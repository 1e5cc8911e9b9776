-- Villages of the kabupaten with enough households: poverty rate and a point in the metres of the
-- kabupaten's UTM zone (for the island fallback).
SELECT d.kode_desa, count(h.*)::int AS rumah_tangga,
       (count(h.*) FILTER (WHERE h.desil <= %(desil_maks)s))::int AS miskin,
       ST_X(ST_Transform(ST_PointOnSurface(d.geom), %(srid)s::int)) AS x,
       ST_Y(ST_Transform(ST_PointOnSurface(d.geom), %(srid)s::int)) AS y
FROM desa d
JOIN rumah_tangga h ON h.kode_desa = d.kode_desa AND h.aktif
WHERE d.kode_kab = %(kode_kab)s
GROUP BY d.kode_desa, d.geom
HAVING count(h.*) >= %(min_rt)s
ORDER BY d.kode_desa
