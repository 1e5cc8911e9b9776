-- The eligible, located, active households of one programme and period in the kabupaten listed
-- (kode_kab, with the UTM zone srid every metric step of that kabupaten uses), in metres, with
-- whether they are left out (salah_keluar), for the exclusion scan. One pass of sasaran_ketepatan
-- for all the kabupaten.
SELECT h.kode_kab, h.kode_prov, h.id, ST_X(p.g) AS x, ST_Y(p.g) AS y, k.kelas = 'salah_keluar' AS keluar
  FROM sasaran_ketepatan(%(program)s, %(periode)s, %(desil_maks)s, %(komponen)s, %(status_rumah)s, %(nilai)s) k
  JOIN rumah_tangga h ON h.kode_prov = k.rt_prov AND h.id = k.rt_id
  JOIN unnest(%(kode_kab)s::text[], %(srid)s::int[]) AS z(kode_kab, srid) ON z.kode_kab = h.kode_kab
 CROSS JOIN LATERAL (SELECT ST_Transform(h.geom, z.srid) AS g) p
 WHERE k.rumah_tangga AND k.layak AND h.geom IS NOT NULL
 ORDER BY h.kode_kab, h.kode_prov, h.id;
