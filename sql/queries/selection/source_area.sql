-- Candidate source: the active households inside a drawn area (GeoJSON). Points are found with the
-- GiST index on geom; households without GPS count only when their whole village lies inside the
-- area (villages through the desa GiST index, their households through the partial index
-- rumah_tangga_tanpa_gps_idx of migration 0094). One scan with both conditions (a BitmapOr of the
-- two indexes) keeps the planner's row estimate right, so the score join is an index lookup per
-- household. The area is a constant expression, folded once by the planner.
SELECT rt.* FROM rumah_tangga rt
WHERE rt.aktif
  AND (ST_Intersects(rt.geom, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(%(area)s::text), 4326)))
       OR (rt.geom IS NULL AND rt.kode_desa = ANY(ARRAY(
               SELECT d.kode_desa FROM desa d
               WHERE ST_CoveredBy(d.geom, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(%(area)s::text), 4326)))))))
