-- Public facilities as RFC 7946 GeoJSON (not personal data), optionally one village only, in the
-- user's region (wilayah, NULL = everything; a facility outside every village by its point).
SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
    'type', 'Feature', 'id', f.id_fasilitas,
    'geometry', ST_AsGeoJSON(f.geom, 6)::json,
    'properties', json_build_object('id_fasilitas', f.id_fasilitas, 'jenis', f.jenis, 'nama', f.nama,
        'kondisi', f.kondisi, 'berfungsi', f.berfungsi, 'kapasitas_kk', f.kapasitas_kk,
        'kode_desa', f.kode_desa, 'nama_desa', d.nama)
) ORDER BY f.jenis, f.id_fasilitas), '[]'::json))::text
FROM fasilitas f
LEFT JOIN desa d ON d.kode_desa = f.kode_desa
WHERE (%(kode_desa)s::text IS NULL OR f.kode_desa = %(kode_desa)s)
  AND CASE WHEN f.kode_desa IS NOT NULL THEN dalam_wilayah(f.kode_desa, %(wilayah)s)
           ELSE geom_dalam_wilayah(f.geom, %(wilayah)s) END;
