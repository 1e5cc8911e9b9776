-- Layer kantong: poverty pockets of the latest finished 'kantong' run.
SELECT a.kantong_id::text AS fid, NULL::text AS kode_desa, r.selesai AS waktu, a.geom,
       jsonb_build_object('kantong_id', a.kantong_id, 'run_id', a.run_id, 'rumah_tangga', a.rumah_tangga,
           'rumah_tangga_miskin', a.rumah_tangga_miskin, 'persen_miskin', a.persen_miskin,
           'desa', array_to_string(a.desa, ','), 'luas_ha', round((a.luas_m2 / 10000)::numeric, 1),
           'metode', a.metode, 'risiko_relatif', round(a.risiko_relatif::numeric, 2), 'llr', round(a.llr::numeric, 2),
           'p_value', a.p_value, 'radius_m', round(a.radius_m)::int) AS props
FROM analisis_kantong a JOIN analisis_run r ON r.id = a.run_id
WHERE a.run_id = (SELECT id FROM analisis_run WHERE jenis = 'kantong' AND status = 'selesai' ORDER BY id DESC LIMIT 1)
