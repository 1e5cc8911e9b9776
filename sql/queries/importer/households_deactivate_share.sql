-- Per kabupaten: households imp_nonaktif would mark inactive, and the active households there.
SELECT n.kode_kab, count(*) AS nonaktif,
       (SELECT count(*) FROM rumah_tangga r WHERE r.aktif AND r.kode_kab_registri = n.kode_kab) AS aktif
  FROM imp_nonaktif n
 GROUP BY n.kode_kab
 ORDER BY n.kode_kab;
