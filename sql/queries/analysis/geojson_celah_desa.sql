-- Villages ranked by water/sanitation gap within their kabupaten, for the given runs (village
-- polygons, simplified). Only the user's region scope (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'runs', %(runs)s::bigint[], 'features', COALESCE(json_agg(
    json_build_object('type', 'Feature', 'id', c.kode_desa,
        'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(d.geom, 0.0002), 6)::json,
        'properties', json_build_object('kode_desa', c.kode_desa, 'nama', d.nama, 'kode_kab', d.kode_kab,
            'rumah_tangga', c.rumah_tangga, 'tak_terlayani_air', c.tak_terlayani_air, 'persen_air', c.persen_air,
            'tak_terlayani_sanitasi', c.tak_terlayani_sanitasi, 'persen_sanitasi', c.persen_sanitasi,
            'krs_tak_terlayani_air', c.krs_tak_terlayani_air,
            'krs_tak_terlayani_sanitasi', c.krs_tak_terlayani_sanitasi, 'skor_celah', c.skor_celah,
            'peringkat', c.peringkat))
    ORDER BY d.kode_kab, c.peringkat), '[]'::json))::text AS geojson
FROM analisis_celah_desa c JOIN desa d USING (kode_desa)
WHERE c.run_id = ANY(%(runs)s::bigint[]) AND dalam_wilayah(c.kode_desa, %(wilayah)s)
