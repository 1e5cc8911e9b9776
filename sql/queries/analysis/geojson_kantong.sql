-- Pockets of the given runs (one per kabupaten) as an RFC 7946 FeatureCollection (aggregates
-- only). Only the user's region scope (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'runs', %(runs)s::bigint[], 'features', COALESCE(json_agg(
    json_build_object('type', 'Feature', 'id', a.run_id || '-' || a.kantong_id, 'geometry', ST_AsGeoJSON(a.geom, 6)::json,
        'properties', json_build_object('kantong_id', a.kantong_id, 'rumah_tangga', a.rumah_tangga,
            'rumah_tangga_miskin', a.rumah_tangga_miskin, 'persen_miskin', a.persen_miskin,
            'risiko_relatif', round(a.risiko_relatif::numeric, 1), 'p_value', a.p_value,
            'luas_ha', round((a.luas_m2 / 10000)::numeric, 1), 'metode', a.metode, 'llr', round(a.llr::numeric, 1),
            'radius_m', round(a.radius_m::numeric), 'desa', a.desa, 'kode_kab', r.kode_wilayah, 'run_id', a.run_id,
            'anggota_kab_lain', a.anggota_kab_lain))
    ORDER BY r.kode_wilayah, a.kantong_id), '[]'::json))::text AS geojson
FROM analisis_kantong a JOIN analisis_run r ON r.id = a.run_id
WHERE a.run_id = ANY(%(runs)s::bigint[]) AND geom_dalam_wilayah(a.geom, %(wilayah)s)
