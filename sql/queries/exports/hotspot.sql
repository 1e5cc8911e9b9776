-- Layer hotspot: Gi* grid cells of the current 'hotspot' run of every kabupaten (all classes).
-- Decimals are published to at most 6 places (a Shapefile keeps 15; p_value 0 means below 0.0000005).
SELECT (a.run_id || '-' || a.sel_id) AS fid, NULL::text AS kode_desa, r.selesai AS waktu, a.geom,
       jsonb_build_object('kode_kab', r.kode_wilayah, 'sel_id', a.sel_id, 'run_id', a.run_id,
           'rumah_tangga', a.rumah_tangga, 'miskin', a.miskin, 'rasio', round(a.rasio::numeric, 3),
           'gi_z', round(a.gi_z::numeric, 3), 'p_value', round(a.p_value::numeric, 6), 'kelas', a.kelas) AS props
FROM analisis_hotspot a JOIN analisis_run r ON r.id = a.run_id
WHERE a.run_id IN (SELECT analisis_run_terkini('hotspot'))
