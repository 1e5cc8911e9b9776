-- Villages with enough households: poverty rate and a point in metres (for the island fallback).
SELECT d.kode_desa, count(h.*)::int AS rumah_tangga,
       (count(h.*) FILTER (WHERE h.desil <= %(desil_maks)s))::int AS miskin,
       ST_X(ST_Transform(ST_PointOnSurface(d.geom), z.srid)) AS x,
       ST_Y(ST_Transform(ST_PointOnSurface(d.geom), z.srid)) AS y
FROM desa d
JOIN _zona z USING (kode_kab)
JOIN rumah_tangga h ON h.kode_desa = d.kode_desa AND h.aktif
GROUP BY d.kode_desa, d.geom, z.srid
HAVING count(h.*) >= %(min_rt)s
ORDER BY d.kode_desa
