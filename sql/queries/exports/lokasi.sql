-- Layer lokasi: candidate sites for water points / MCK (current 'lokasi' run of every kabupaten), selected or not.
SELECT (a.run_id || '-' || a.layanan || '-' || a.kandidat_id) AS fid, a.kode_desa, r.selesai AS waktu, a.geom,
       jsonb_build_object('kode_kab', r.kode_wilayah, 'layanan', a.layanan, 'kandidat_id', a.kandidat_id,
           'run_id', a.run_id, 'terpilih', a.terpilih, 'urutan', a.urutan, 'cakupan', a.cakupan,
           'tambahan', a.tambahan, 'kumulatif', a.kumulatif, 'kode_desa', a.kode_desa) AS props
FROM analisis_lokasi a JOIN analisis_run r ON r.id = a.run_id
WHERE a.run_id IN (SELECT analisis_run_terkini('lokasi'))
