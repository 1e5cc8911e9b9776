-- Display outlines of the villages %(desa)s of the user's region, for the targeting choropleth.
SELECT kode_desa, ST_AsGeoJSON(geom_peta, 5)::jsonb AS geometry
  FROM desa
 WHERE kode_desa = ANY(%(desa)s) AND dalam_wilayah(kode_desa, %(wilayah)s);
