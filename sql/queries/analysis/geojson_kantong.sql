-- Pockets of one run as an RFC 7946 FeatureCollection (aggregates only). Only the user's region scope (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'run_id', %(run_id)s::bigint, 'features', COALESCE(json_agg(
    json_build_object('type', 'Feature', 'id', kantong_id, 'geometry', ST_AsGeoJSON(geom, 6)::json,
        'properties', json_build_object('kantong_id', kantong_id, 'rumah_tangga', rumah_tangga,
            'rumah_tangga_miskin', rumah_tangga_miskin, 'persen_miskin', persen_miskin,
            'risiko_relatif', round(risiko_relatif::numeric, 1), 'p_value', p_value, 'luas_ha', round((luas_m2 / 10000)::numeric, 1),
            'metode', metode, 'llr', round(llr::numeric, 1), 'radius_m', round(radius_m::numeric), 'desa', desa))
    ORDER BY kantong_id), '[]'::json))::text
FROM analisis_kantong WHERE run_id = %(run_id)s AND geom_dalam_wilayah(geom, %(wilayah)s)
