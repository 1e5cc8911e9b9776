-- Distance in metres (WGS 84 spheroid) from a point to the nearest functioning facility of the
-- given types. KNN: the index-assisted `<->` operator picks the 5 nearest by planar lon/lat
-- distance and the exact metre distance of those decides (at Indonesian latitudes the planar
-- order is off by well under 1 percent, so the true nearest is always among them). NULL when the
-- point is NULL or there is no such facility.
CREATE OR REPLACE FUNCTION sasaran_jarak_fasilitas_m(p geometry, jenis_fasilitas text[]) RETURNS double precision
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT min(sasaran_jarak_m(p, k.geom))
    FROM (SELECT f.geom FROM fasilitas f
          WHERE f.berfungsi AND f.jenis = ANY(jenis_fasilitas)
          ORDER BY f.geom <-> p LIMIT 5) k
$$;
