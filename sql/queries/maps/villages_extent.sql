-- Bounding box of the villages of the user's region (wilayah, NULL = all): initial view of the maps.
SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
FROM (SELECT ST_Extent(geom) AS e FROM desa WHERE dalam_wilayah(kode_desa, %(wilayah)s)) x;
