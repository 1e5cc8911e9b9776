-- Check a drawn/imported area (GeoJSON geometry, WGS 84): polygonal, valid or repairable with
-- ST_MakeValid, inside the district (share of its area outside every village), and sharing
-- interior with the user's region scope (wilayah, NULL = unscoped).
WITH raw AS (
    SELECT ST_SetSRID(ST_GeomFromGeoJSON(%(geojson)s), 4326) AS g
), fixed AS (
    SELECT g, ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason,
           ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) AS m
    FROM raw
), inside AS (
    SELECT ST_Union(d.geom) AS u
    FROM desa d, fixed f
    WHERE ST_Intersects(d.geom, f.m)
)
SELECT f.valid, f.reason, ST_GeometryType(f.g) AS tipe,
       NOT ST_IsEmpty(f.m) AND ST_Area(f.m) > 0 AS polygonal,
       ST_AsGeoJSON(f.m, 7) AS geojson,
       COALESCE(ST_Area(f.m::geography), 0) AS luas_m2,
       CASE WHEN ST_IsEmpty(f.m) OR ST_Area(f.m) = 0 THEN 1.0
            WHEN i.u IS NULL THEN 1.0
            ELSE ST_Area(ST_Difference(f.m, i.u)::geography) / NULLIF(ST_Area(f.m::geography), 0) END AS bagian_luar,
       geom_dalam_wilayah(f.m, %(wilayah)s) AS dalam_wilayah
FROM fixed f, inside i
