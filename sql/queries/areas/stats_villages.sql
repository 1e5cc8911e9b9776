-- Villages of the user's region scope an area touches, with the share of each village's area that lies inside it.
WITH a AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(%(geojson)s), 4326) AS g)
SELECT d.kode_desa, d.nama, k.nama AS kecamatan,
       round((100 * ST_Area(ST_Intersection(d.geom, a.g)::geography) / NULLIF(ST_Area(d.geom::geography), 0))::numeric, 1)
           AS persen_luas_desa
FROM desa d JOIN kecamatan k USING (kode_kec), a
WHERE ST_Intersects(d.geom, a.g) AND dalam_wilayah(d.kode_desa, %(wilayah)s)
ORDER BY persen_luas_desa DESC, d.kode_desa
