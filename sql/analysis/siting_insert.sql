INSERT INTO analisis_lokasi (run_id, layanan, kandidat_id, terpilih, urutan, cakupan, tambahan, kumulatif,
                             kode_desa, geom)
SELECT %(run_id)s, %(layanan)s, %(kandidat_id)s, %(terpilih)s, %(urutan)s, %(cakupan)s, %(tambahan)s, %(kumulatif)s,
       (SELECT b.kode_desa FROM desa_bagian b WHERE ST_Intersects(b.geom, p.g) LIMIT 1), p.g
FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(%(x)s, %(y)s), %(srid)s), 4326) AS g) p
