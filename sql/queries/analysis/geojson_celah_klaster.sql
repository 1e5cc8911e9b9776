-- Clusters of unserved households of one run (per service). Only the user's region scope (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'run_id', %(run_id)s::bigint, 'features', COALESCE(json_agg(
    json_build_object('type', 'Feature', 'id', layanan || '-' || klaster_id, 'geometry', ST_AsGeoJSON(geom, 6)::json,
        'properties', json_build_object('layanan', layanan, 'klaster_id', klaster_id,
            'rumah_tangga', rumah_tangga, 'desa', desa))
    ORDER BY layanan, klaster_id), '[]'::json))::text
FROM analisis_celah_klaster WHERE run_id = %(run_id)s AND geom_dalam_wilayah(geom, %(wilayah)s)
