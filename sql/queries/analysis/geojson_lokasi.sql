-- Proposed sites of one run (selected only unless semua), with their marginal gain. Only the user's region scope (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'run_id', %(run_id)s::bigint, 'features', COALESCE(json_agg(
    json_build_object('type', 'Feature', 'id', layanan || '-' || kandidat_id, 'geometry', ST_AsGeoJSON(geom, 6)::json,
        'properties', json_build_object('layanan', layanan, 'kandidat_id', kandidat_id, 'terpilih', terpilih,
            'urutan', urutan, 'cakupan', cakupan, 'tambahan', tambahan, 'kumulatif', kumulatif,
            'kode_desa', kode_desa))
    ORDER BY layanan, urutan NULLS LAST, kandidat_id), '[]'::json))::text
FROM analisis_lokasi WHERE run_id = %(run_id)s AND (terpilih OR %(semua)s::boolean)
  AND CASE WHEN kode_desa IS NOT NULL THEN dalam_wilayah(kode_desa, %(wilayah)s)
           ELSE geom_dalam_wilayah(geom, %(wilayah)s) END
