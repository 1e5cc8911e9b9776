-- Village neighbour pairs: polygons within %(jarak_m)s metres of each other (real boundaries have
-- slivers and gaps, so exact shared vertices would miss most neighbours). Measured on the
-- ST_Subdivide'd pieces (desa_bagian, <= 128 vertices) in the first village's UTM zone: a province
-- of 2,640 villages takes seconds, where geography distance between whole polygons took minutes
-- (1 degree >= 110 km in Indonesia, so the bounding-box test below never drops a real pair).
SELECT DISTINCT a.kode_desa AS a, b.kode_desa AS b
FROM desa_bagian a
JOIN desa d ON d.kode_desa = a.kode_desa
JOIN desa_bagian b ON a.kode_desa <> b.kode_desa AND b.geom && ST_Expand(a.geom, %(jarak_m)s::float8 / 100000.0)
 AND ST_DWithin(ST_Transform(a.geom, d.utm_srid), ST_Transform(b.geom, d.utm_srid), %(jarak_m)s::float8)
WHERE a.kode_desa = ANY(%(kode)s) AND b.kode_desa = ANY(%(kode)s)
ORDER BY 1, 2
