-- Gi* grid cells of one run (FeatureCollection). Only the user's region scope (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'run_id', %(run_id)s::bigint, 'features', COALESCE(json_agg(
    json_build_object('type', 'Feature', 'id', sel_id, 'geometry', ST_AsGeoJSON(geom, 6)::json,
        'properties', json_build_object('sel_id', sel_id, 'rumah_tangga', rumah_tangga, 'miskin', miskin,
            'rasio', round(rasio::numeric, 3), 'gi_z', round(gi_z::numeric, 3), 'p_value', p_value, 'kelas', kelas))
    ORDER BY sel_id), '[]'::json))::text
FROM analisis_hotspot WHERE run_id = %(run_id)s AND geom_dalam_wilayah(geom, %(wilayah)s)
