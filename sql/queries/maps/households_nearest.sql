-- The household nearest to a clicked point within %(radius_m)s metres (popup of the map for
-- admin/perkim). The bounding box in degrees lets the GiST index answer; KNN orders the rest.
WITH klik AS (SELECT ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326) AS pt)
SELECT rt.kode_prov, rt.id, rt.id_keluarga, rt.nik_kepala, rt.nama_kepala, rt.alamat, rt.desil, rt.jumlah_anggota,
       rt.kode_desa, d.nama AS nama_desa, s.skor, ST_Y(rt.geom) AS lat, ST_X(rt.geom) AS lon,
       ST_Distance(rt.geom::geography, klik.pt::geography) AS jarak_m
FROM klik
JOIN rumah_tangga rt ON rt.geom && ST_Expand(klik.pt, %(radius_deg)s)
LEFT JOIN desa d ON d.kode_desa = rt.kode_desa
LEFT JOIN skor_rtlh s ON s.kode_prov = rt.kode_prov AND s.rumah_tangga_id = rt.id
WHERE rt.aktif AND rt.kualitas_lokasi <> 'lokasi_perkiraan'
  AND dalam_wilayah(rt.kode_desa, %(wilayah)s)  -- region scope of the user (issue #8)
  AND ST_DWithin(rt.geom::geography, klik.pt::geography, %(radius_m)s)
ORDER BY rt.geom <-> klik.pt
LIMIT 1;
