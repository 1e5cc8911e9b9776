-- Village outlines (display geometry, GeoJSON text) of the region, for the growth maps.
SELECT d.kode_desa, ST_AsGeoJSON(d.geom_peta, 5) AS geometry
  FROM desa d
 WHERE dalam_wilayah(d.kode_desa, %(wilayah)s)
 ORDER BY d.kode_desa;
