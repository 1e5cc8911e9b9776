-- Layer lokasi: candidate sites for water points / MCK (latest 'lokasi' run), selected or not.
SELECT (a.layanan || '-' || a.kandidat_id) AS fid, a.kode_desa, r.selesai AS waktu, a.geom,
       jsonb_build_object('layanan', a.layanan, 'kandidat_id', a.kandidat_id, 'run_id', a.run_id,
           'terpilih', a.terpilih, 'urutan', a.urutan, 'cakupan', a.cakupan, 'tambahan', a.tambahan,
           'kumulatif', a.kumulatif, 'kode_desa', a.kode_desa) AS props
FROM analisis_lokasi a JOIN analisis_run r ON r.id = a.run_id
WHERE a.run_id = (SELECT id FROM analisis_run WHERE jenis = 'lokasi' AND status = 'selesai' ORDER BY id DESC LIMIT 1)
