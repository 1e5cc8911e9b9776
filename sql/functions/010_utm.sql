-- EPSG code of the WGS 84 / UTM zone that contains a point (Indonesia: zones 46-54, N and S).
CREATE OR REPLACE FUNCTION sasaran_utm_srid(p geometry) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (CASE WHEN ST_Y(p) >= 0 THEN 32600 ELSE 32700 END)
           + least(60, greatest(1, floor((ST_X(p) + 180) / 6)::int + 1))
$$;

-- Distance in metres between two lon/lat geometries, on the WGS 84 spheroid.
CREATE OR REPLACE FUNCTION sasaran_jarak_m(a geometry, b geometry) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ST_Distance(a::geography, b::geography)
$$;
