-- Facilities inside an area and the user's region scope, per kind (all and working).
WITH a AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(%(geojson)s), 4326) AS g)
SELECT f.jenis, count(*) AS jumlah, count(*) FILTER (WHERE f.berfungsi) AS berfungsi
FROM fasilitas f, a
WHERE ST_Intersects(f.geom, a.g) AND dalam_wilayah(f.kode_desa, %(wilayah)s)
GROUP BY f.jenis
ORDER BY f.jenis
