-- Bounding box of all villages (initial view of the maps).
SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
FROM (SELECT ST_Extent(geom) AS e FROM desa) x;
