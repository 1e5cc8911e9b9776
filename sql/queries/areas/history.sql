SELECT versi, aksi, nama, jenis, tahun, catatan, oleh, waktu,
       round((ST_Area(geom::geography) / 10000)::numeric, 1) AS luas_ha
FROM kawasan_prioritas_riwayat
WHERE kawasan_id = %(id)s
ORDER BY versi
