-- Pockets of the given runs (one per kabupaten) for the Kantong Kemiskinan page: the strongest of
-- each kabupaten first (scan: by likelihood ratio; DBSCAN: by size), at most limit per kabupaten,
-- with the names of the villages of their households. Region scope (wilayah, NULL = everything).
SELECT * FROM (
    SELECT r.kode_wilayah AS kode_kab, kb.nama AS nama_kab, k.kantong_id, k.metode, k.rumah_tangga,
           k.rumah_tangga_miskin, k.persen_miskin, k.risiko_relatif, k.p_value, k.llr, k.radius_m,
           k.anggota_kab_lain, round((k.luas_m2 / 10000)::numeric, 1) AS luas_ha,
           (SELECT string_agg(d.nama, ', ' ORDER BY d.nama) FROM desa d WHERE d.kode_desa = ANY (k.desa)) AS nama_desa,
           row_number() OVER (PARTITION BY r.kode_wilayah
                              ORDER BY k.llr DESC NULLS LAST, k.rumah_tangga_miskin DESC, k.kantong_id) AS peringkat
    FROM analisis_kantong k
    JOIN analisis_run r ON r.id = k.run_id
    LEFT JOIN kabupaten kb ON kb.kode_kab = r.kode_wilayah
    WHERE k.run_id = ANY(%(runs)s::bigint[]) AND geom_dalam_wilayah(k.geom, %(wilayah)s)
) ranked
WHERE peringkat <= %(limit)s
ORDER BY kode_kab, peringkat
