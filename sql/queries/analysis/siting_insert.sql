INSERT INTO analisis_lokasi (run_id, layanan, kandidat_id, terpilih, urutan, cakupan, tambahan, kumulatif,
                             kode_desa, geom)
SELECT %(run_id)s::bigint, %(layanan)s::text, %(kandidat_id)s::int, %(terpilih)s::boolean, %(urutan)s::int,
       %(cakupan)s::int, %(tambahan)s::int, %(kumulatif)s::int,
       (SELECT b.kode_desa FROM desa_bagian b WHERE ST_Intersects(b.geom, p.g) LIMIT 1), p.g
FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(%(x)s::float8, %(y)s::float8), %(srid)s::int), 4326) AS g) p
