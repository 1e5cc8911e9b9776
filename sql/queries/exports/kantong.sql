-- Layer kantong: poverty pockets of the current 'kantong' run of every kabupaten.
SELECT (a.run_id || '-' || a.kantong_id) AS fid, NULL::text AS kode_desa, r.selesai AS waktu, a.geom,
       jsonb_build_object('kode_kab', r.kode_wilayah, 'kantong_id', a.kantong_id, 'run_id', a.run_id,
           'rumah_tangga', a.rumah_tangga, 'rumah_tangga_miskin', a.rumah_tangga_miskin,
           'persen_miskin', a.persen_miskin, 'anggota_kab_lain', a.anggota_kab_lain,
           'desa', array_to_string(a.desa, ','), 'luas_ha', round((a.luas_m2 / 10000)::numeric, 1),
           'metode', a.metode, 'risiko_relatif', round(a.risiko_relatif::numeric, 2), 'llr', round(a.llr::numeric, 2),
           'p_value', a.p_value, 'radius_m', round(a.radius_m)::int) AS props
FROM analisis_kantong a JOIN analisis_run r ON r.id = a.run_id
WHERE a.run_id IN (SELECT analisis_run_terkini('kantong'))
