-- Kecamatan outlines (stored simplified boundary lines, kecamatan.garis_peta) as RFC 7946 GeoJSON,
-- with the label point and radius of the largest circle inside the kecamatan (see villages_geojson.sql), in
-- the user's region (wilayah, NULL = everything).
SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
    'type', 'Feature', 'id', k.kode_kec,
    'geometry', ST_AsGeoJSON(k.garis_peta, 5)::json,
    'properties', json_build_object('kode_kec', k.kode_kec, 'nama', k.nama,
        'label', json_build_array(round(ST_X(m.center)::numeric, 5), round(ST_Y(m.center)::numeric, 5)),
        'label_r', round(m.radius::numeric, 5))
) ORDER BY k.kode_kec), '[]'::json))::text
FROM kecamatan k
CROSS JOIN LATERAL ST_MaximumInscribedCircle(ST_SimplifyPreserveTopology(k.geom, 0.0005)) m
WHERE k.geom IS NOT NULL AND dalam_wilayah(k.kode_kec, %(wilayah)s);
