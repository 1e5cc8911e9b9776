-- Located, active households of every kabupaten in the metre coordinates of its UTM zone, with
-- whether they are poor (desil 1..desil_maks; unknown desil counts as not poor), for the scan.
SELECT h.kode_kab, h.kode_prov, h.id, ST_X(p.g) AS x, ST_Y(p.g) AS y,
       COALESCE(h.desil <= %(desil_maks)s, false) AS miskin
FROM rumah_tangga h
JOIN _zona z USING (kode_kab)
CROSS JOIN LATERAL (SELECT ST_Transform(h.geom, z.srid) AS g) p
WHERE h.aktif AND h.geom IS NOT NULL
ORDER BY h.kode_kab, h.kode_prov, h.id
