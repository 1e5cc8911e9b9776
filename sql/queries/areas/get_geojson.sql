-- Geometry of one live area in the user's region scope (wilayah, NULL = unscoped).
SELECT ST_AsGeoJSON(geom, 7) FROM kawasan_prioritas WHERE id = %(id)s AND dihapus_pada IS NULL AND geom_dalam_wilayah(geom, %(wilayah)s)
