-- Fails when a posted GeoJSON geometry cannot be read by PostGIS.
SELECT ST_IsEmpty(ST_GeomFromGeoJSON(%(geom)s::text))
