-- Update attributes and (when geojson is given) the geometry of a live area; the trigger bumps
-- versi and writes the history row. An area outside the user's region scope is left alone.
UPDATE kawasan_prioritas
SET nama = %(nama)s, jenis = %(jenis)s, tahun = %(tahun)s, catatan = %(catatan)s,
    geom = COALESCE(ST_SetSRID(ST_GeomFromGeoJSON(%(geojson)s::text), 4326), geom),
    diperbaiki = CASE WHEN %(geojson)s::text IS NULL THEN diperbaiki ELSE %(diperbaiki)s END,
    diubah_oleh = %(oleh)s, diubah_pada = now()
WHERE id = %(id)s AND dihapus_pada IS NULL AND geom_dalam_wilayah(geom, %(wilayah)s)
RETURNING id, versi
