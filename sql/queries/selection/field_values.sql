-- Numbers and points written in a filled field form, read with the importer's rules
-- (sasaran_angka: decimal comma or dot; sasaran_luas_wajar; sasaran_di_indonesia), and whether a
-- corrected point lies inside the household's village (and how far outside it when not).
WITH isian AS (
    SELECT *
    FROM unnest(%(seleksi_ids)s::bigint[], %(luas)s::text[], %(lat)s::text[], %(lon)s::text[])
         AS t(seleksi_id, luas_teks, lat_teks, lon_teks)
), angka AS (
    SELECT i.seleksi_id, sasaran_angka(i.luas_teks) AS luas, sasaran_angka(i.lat_teks) AS lat,
           sasaran_angka(i.lon_teks) AS lon
    FROM isian i
)
SELECT a.seleksi_id, a.luas, COALESCE(sasaran_luas_wajar(a.luas), false) AS luas_wajar, a.lat, a.lon,
       COALESCE(sasaran_di_indonesia(a.lat, a.lon), false) AS di_indonesia,
       COALESCE(ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint(a.lon, a.lat), 4326)), false) AS di_desa,
       round(ST_Distance(d.geom::geography, ST_SetSRID(ST_MakePoint(a.lon, a.lat), 4326)::geography)) AS jarak_desa_m
FROM angka a
JOIN seleksi s ON s.id = a.seleksi_id
JOIN rumah_tangga rt ON rt.kode_prov = s.kode_prov AND rt.id = s.rumah_tangga_id
LEFT JOIN desa d ON d.kode_desa = rt.kode_desa
