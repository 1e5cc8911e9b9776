-- Functioning facilities of the given types (%(jenis)s), as two arrays (longitude, latitude).
SELECT coalesce(array_agg(ST_X(f.geom)), '{}') AS lon, coalesce(array_agg(ST_Y(f.geom)), '{}') AS lat
FROM fasilitas f
WHERE f.berfungsi AND f.jenis = ANY(%(jenis)s::text[]) AND f.geom IS NOT NULL;
