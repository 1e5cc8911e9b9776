-- Live priority areas inside the user's region scope (sharing interior with it), newest first, with their area in hectares.
SELECT id, nama, jenis, tahun, catatan, versi, diperbaiki, dibuat_oleh, dibuat_pada, diubah_oleh, diubah_pada,
       round((ST_Area(geom::geography) / 10000)::numeric, 1) AS luas_ha,
       ST_AsGeoJSON(geom, 7) AS geojson
FROM kawasan_prioritas
WHERE dihapus_pada IS NULL AND geom_dalam_wilayah(geom, %(wilayah)s)
  AND (%(jenis)s::text IS NULL OR jenis = %(jenis)s)
  AND (%(tahun)s::int IS NULL OR tahun = %(tahun)s)
ORDER BY id DESC
