INSERT INTO kawasan_prioritas (nama, jenis, tahun, catatan, geom, diperbaiki, dibuat_oleh)
VALUES (%(nama)s, %(jenis)s, %(tahun)s, %(catatan)s, ST_SetSRID(ST_GeomFromGeoJSON(%(geojson)s), 4326),
        %(diperbaiki)s, %(oleh)s)
RETURNING id
