-- Clusters of unserved households of the given runs (per service). Only the user's region scope
-- (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'runs', %(runs)s::bigint[], 'features', COALESCE(json_agg(
    json_build_object('type', 'Feature', 'id', a.run_id || '-' || a.layanan || '-' || a.klaster_id,
        'geometry', ST_AsGeoJSON(a.geom, 6)::json,
        'properties', json_build_object('kode_kab', r.kode_wilayah, 'layanan', a.layanan, 'klaster_id', a.klaster_id,
            'rumah_tangga', a.rumah_tangga, 'desa', a.desa))
    ORDER BY r.kode_wilayah, a.layanan, a.klaster_id), '[]'::json))::text AS geojson
FROM analisis_celah_klaster a JOIN analisis_run r ON r.id = a.run_id
WHERE a.run_id = ANY(%(runs)s::bigint[]) AND geom_dalam_wilayah(a.geom, %(wilayah)s)
