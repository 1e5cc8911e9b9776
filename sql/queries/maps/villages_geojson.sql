-- Villages as an RFC 7946 FeatureCollection with codes, names and household counts, in the user's
-- region (wilayah, NULL = everything).
-- Geometry: the stored display geometry (desa.geom_peta), or simplified here when a tolerance in
-- degrees is asked for (~11 m per 0.0001). Counts from indikator_desa_rt (kept by triggers).
-- label: centre of the largest circle inside the village (where its name goes), label_r: its
-- radius in degrees (the name is shown only at zooms where it fits, static/js/basemap.js).
SELECT json_build_object(
    'type', 'FeatureCollection',
    'features', COALESCE(json_agg(json_build_object(
        'type', 'Feature',
        'id', d.kode_desa,
        'geometry', ST_AsGeoJSON(COALESCE(ST_SimplifyPreserveTopology(d.geom, %(tolerance)s::float8), d.geom_peta), 6)::json,
        'properties', json_build_object(
            'kode_desa', d.kode_desa, 'nama', d.nama, 'jenis', d.jenis,
            'kode_kec', d.kode_kec, 'nama_kec', k.nama, 'kode_kab', d.kode_kab,
            'jumlah_rumah_tangga', COALESCE(c.rumah_tangga, 0),
            'label', json_build_array(round(ST_X(m.center)::numeric, 5), round(ST_Y(m.center)::numeric, 5)),
            'label_r', round(m.radius::numeric, 5))
    ) ORDER BY d.kode_desa), '[]'::json)
)::text AS geojson
FROM desa d
JOIN kecamatan k USING (kode_kec)
LEFT JOIN indikator_desa_rt c USING (kode_desa)
CROSS JOIN LATERAL ST_MaximumInscribedCircle(d.geom_peta) m
WHERE (%(kode_kab)s::text IS NULL OR d.kode_kab = %(kode_kab)s) AND dalam_wilayah(d.kode_desa, %(wilayah)s);
