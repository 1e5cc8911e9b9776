-- One area by id (also a soft-deleted one), when it lies in the user's region scope (wilayah).
SELECT id, nama, jenis, tahun, catatan, versi, diperbaiki, dibuat_oleh, dibuat_pada, diubah_oleh, diubah_pada,
       dihapus_pada, ST_AsGeoJSON(geom, 7) AS geojson,
       round((ST_Area(geom::geography) / 10000)::numeric, 1) AS luas_ha
FROM kawasan_prioritas
WHERE id = %(id)s AND geom_dalam_wilayah(geom, %(wilayah)s)
