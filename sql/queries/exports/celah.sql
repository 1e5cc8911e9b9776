-- Layer celah: clusters of households unserved by water or sanitation (current 'celah' run of every kabupaten).
SELECT (a.run_id || '-' || a.layanan || '-' || a.klaster_id) AS fid, NULL::text AS kode_desa, r.selesai AS waktu, a.geom,
       jsonb_build_object('kode_kab', r.kode_wilayah, 'layanan', a.layanan, 'klaster_id', a.klaster_id,
           'run_id', a.run_id, 'rumah_tangga', a.rumah_tangga, 'desa', array_to_string(a.desa, ',')) AS props
FROM analisis_celah_klaster a JOIN analisis_run r ON r.id = a.run_id
WHERE a.run_id IN (SELECT analisis_run_terkini('celah'))
