-- Assign each staged household to exactly one village.
-- Rule: the declared village when the point lies in it (polygons overlap along shared edges);
-- otherwise the village containing the point with the lowest code; a point in no village keeps
-- its declared village and is flagged 'luar_wilayah'; no coordinates: declared village,
-- flagged 'lokasi_perkiraan' (geometry stays NULL: never shown as a GPS point).
UPDATE rt_siap s
   SET kode_desa = (SELECT b.kode_desa
                      FROM desa_bagian b
                     WHERE ST_Intersects(b.geom, s.geom)
                     ORDER BY (b.kode_desa = s.kode_desa_deklarasi) DESC, b.kode_desa
                     LIMIT 1)
 WHERE s.geom IS NOT NULL;

UPDATE rt_siap s
   SET kualitas_lokasi = CASE
           WHEN s.geom IS NULL THEN 'lokasi_perkiraan'
           WHEN s.kode_desa IS NULL THEN 'luar_wilayah'
           ELSE COALESCE(s.kualitas_lokasi, 'gps') END,
       kode_desa = COALESCE(s.kode_desa, s.kode_desa_deklarasi);
