-- Gi* grid cells of the given runs (FeatureCollection). Only the user's region scope (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'runs', %(runs)s::bigint[], 'features', COALESCE(json_agg(
    json_build_object('type', 'Feature', 'id', a.run_id || '-' || a.sel_id, 'geometry', ST_AsGeoJSON(a.geom, 6)::json,
        'properties', json_build_object('kode_kab', r.kode_wilayah, 'sel_id', a.sel_id, 'rumah_tangga', a.rumah_tangga,
            'miskin', a.miskin, 'rasio', round(a.rasio::numeric, 3), 'gi_z', round(a.gi_z::numeric, 3),
            'p_value', a.p_value, 'kelas', a.kelas))
    ORDER BY r.kode_wilayah, a.sel_id), '[]'::json))::text AS geojson
FROM analisis_hotspot a JOIN analisis_run r ON r.id = a.run_id
WHERE a.run_id = ANY(%(runs)s::bigint[]) AND geom_dalam_wilayah(a.geom, %(wilayah)s)
