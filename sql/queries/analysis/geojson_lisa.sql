-- Local Moran classes of the given runs on the village polygons (simplified for display). Only the
-- user's region scope (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'runs', %(runs)s::bigint[], 'features', COALESCE(json_agg(
    json_build_object('type', 'Feature', 'id', l.kode_desa,
        'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(d.geom, 0.0002), 6)::json,
        'properties', json_build_object('kode_desa', l.kode_desa, 'nama', d.nama, 'kode_kab', d.kode_kab,
            'rumah_tangga', l.rumah_tangga, 'rasio', round(l.rasio::numeric, 3), 'moran_i', round(l.moran_i::numeric, 3),
            'p_value', l.p_value, 'kuadran', l.kuadran, 'kelas', l.kelas))
    ORDER BY l.kode_desa), '[]'::json))::text AS geojson
FROM analisis_lisa l JOIN desa d USING (kode_desa)
WHERE l.run_id = ANY(%(runs)s::bigint[]) AND dalam_wilayah(l.kode_desa, %(wilayah)s)
