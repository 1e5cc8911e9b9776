-- Village neighbour pairs: polygons within jarak_m metres of each other (real boundaries have
-- slivers and gaps, so exact shared vertices would miss most neighbours), compared in the metres
-- of the kabupaten's UTM zone with an index.
DROP TABLE IF EXISTS _desa_m;
CREATE TEMP TABLE _desa_m ON COMMIT DROP AS
SELECT kode_desa, ST_Transform(geom, %(srid)s::int) AS g FROM desa WHERE kode_desa = ANY(%(kode)s);
CREATE INDEX ON _desa_m USING gist (g);
SELECT a.kode_desa AS a, b.kode_desa AS b
FROM _desa_m a
JOIN _desa_m b ON a.kode_desa <> b.kode_desa AND ST_DWithin(a.g, b.g, %(jarak_m)s::float8)
ORDER BY 1, 2
