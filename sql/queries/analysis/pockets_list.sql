-- Pockets of one run for the Kantong Kemiskinan page: the strongest first (scan: by likelihood
-- ratio; DBSCAN: by size), with the names of the villages of their households. Region scope
-- (wilayah, NULL = everything).
SELECT k.kantong_id, k.metode, k.rumah_tangga, k.rumah_tangga_miskin, k.persen_miskin, k.risiko_relatif,
       k.p_value, k.llr, k.radius_m, round((k.luas_m2 / 10000)::numeric, 1) AS luas_ha,
       (SELECT string_agg(d.nama, ', ' ORDER BY d.nama) FROM desa d WHERE d.kode_desa = ANY (k.desa)) AS nama_desa
FROM analisis_kantong k
WHERE k.run_id = %(run_id)s AND geom_dalam_wilayah(k.geom, %(wilayah)s)
ORDER BY k.llr DESC NULLS LAST, k.rumah_tangga_miskin DESC, k.kantong_id
LIMIT %(limit)s
