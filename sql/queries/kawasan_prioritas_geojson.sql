-- Priority areas of issue #7 (table kawasan_prioritas), not deleted, as RFC 7946 GeoJSON.
SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
    'type', 'Feature', 'id', k.id,
    'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(k.geom, 0.00005), 6)::json,
    'properties', json_build_object('id', k.id, 'nama', k.nama, 'jenis', k.jenis, 'tahun', k.tahun)
) ORDER BY k.id), '[]'::json))::text
FROM kawasan_prioritas k
WHERE k.dihapus_pada IS NULL;
