-- Proposed sites of the given runs (selected only unless semua), with their marginal gain. Only the
-- user's region scope (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'runs', %(runs)s::bigint[], 'features', COALESCE(json_agg(
    json_build_object('type', 'Feature', 'id', a.run_id || '-' || a.layanan || '-' || a.kandidat_id,
        'geometry', ST_AsGeoJSON(a.geom, 6)::json,
        'properties', json_build_object('kode_kab', r.kode_wilayah, 'layanan', a.layanan, 'kandidat_id', a.kandidat_id,
            'terpilih', a.terpilih, 'urutan', a.urutan, 'cakupan', a.cakupan, 'tambahan', a.tambahan,
            'kumulatif', a.kumulatif, 'kode_desa', a.kode_desa))
    ORDER BY r.kode_wilayah, a.layanan, a.urutan NULLS LAST, a.kandidat_id), '[]'::json))::text AS geojson
FROM analisis_lokasi a JOIN analisis_run r ON r.id = a.run_id
WHERE a.run_id = ANY(%(runs)s::bigint[]) AND (a.terpilih OR %(semua)s::boolean)
  AND CASE WHEN a.kode_desa IS NOT NULL THEN dalam_wilayah(a.kode_desa, %(wilayah)s)
           ELSE geom_dalam_wilayah(a.geom, %(wilayah)s) END
