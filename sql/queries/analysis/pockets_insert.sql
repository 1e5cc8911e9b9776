-- DBSCAN pockets of one kabupaten: clusters whose share of poor households, among the cluster's
-- households (every active household of the kabupaten within the hull of its poor members, not
-- within the buffered polygon drawn on the map), reaches persen_miskin_min percent.
INSERT INTO analisis_kantong (run_id, kantong_id, rumah_tangga, rumah_tangga_miskin, persen_miskin, desa, luas_m2,
                              anggota_kab_lain, geom)
SELECT %(run_id)s::bigint, row_number() OVER (ORDER BY k.klaster_id)::int, s.semua, k.n,
       round(100.0 * k.n / GREATEST(s.semua, k.n), 1), s.desa, k.luas_m2, k.anggota_kab_lain, k.geom
FROM _klaster k
CROSS JOIN LATERAL (
    SELECT count(*)::int AS semua,
           COALESCE(array_agg(DISTINCT h.kode_desa ORDER BY h.kode_desa)
                    FILTER (WHERE h.kode_desa IS NOT NULL), '{}') AS desa
    FROM rumah_tangga h WHERE h.aktif AND h.kode_kab = %(kode_kab)s AND ST_Intersects(h.geom, k.hull)
) s
WHERE 100.0 * k.n / GREATEST(s.semua, k.n) >= %(persen_miskin_min)s;
