SELECT ST_AsGeoJSON(geom, 7) FROM kawasan_prioritas WHERE id = %(id)s AND dihapus_pada IS NULL
