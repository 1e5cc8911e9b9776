-- Village neighbour pairs: polygons within %(jarak_m)s metres of each other (real boundaries have
-- slivers and gaps, so exact shared vertices would miss most neighbours).
SELECT a.kode_desa AS a, b.kode_desa AS b
FROM desa a
JOIN desa b ON a.kode_desa <> b.kode_desa AND a.geom && ST_Expand(b.geom, 0.01)
 AND ST_DWithin(a.geom::geography, b.geom::geography, %(jarak_m)s::float8)
WHERE a.kode_desa = ANY(%(kode)s) AND b.kode_desa = ANY(%(kode)s)
ORDER BY 1, 2
