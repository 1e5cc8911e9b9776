-- Kecamatan outlines (stored simplified boundary lines, kecamatan.garis_peta) as RFC 7946 GeoJSON.
SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
    'type', 'Feature', 'id', k.kode_kec,
    'geometry', ST_AsGeoJSON(k.garis_peta, 5)::json,
    'properties', json_build_object('kode_kec', k.kode_kec, 'nama', k.nama)
) ORDER BY k.kode_kec), '[]'::json))::text
FROM kecamatan k
WHERE k.geom IS NOT NULL;
