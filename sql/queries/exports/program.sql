-- Layer program: programme selections (#6) aggregated per programme and village (no household
-- rows), by status.
SELECT (p.id || '-' || r.kode_desa) AS fid, r.kode_desa, max(s.diubah_pada) AS waktu, d.geom,
       jsonb_build_object('program_id', p.id, 'program', p.nama, 'tahun', p.tahun, 'sumber', p.sumber,
           'kode_desa', r.kode_desa, 'nama_desa', d.nama, 'jumlah', count(*),
           'usulan', count(*) FILTER (WHERE s.status = 'usulan'),
           'terverifikasi', count(*) FILTER (WHERE s.status = 'terverifikasi'),
           'ditetapkan', count(*) FILTER (WHERE s.status = 'ditetapkan'),
           'selesai', count(*) FILTER (WHERE s.status = 'selesai')) AS props
FROM seleksi s
JOIN program p ON p.id = s.program_id
JOIN rumah_tangga r ON r.kode_prov = s.kode_prov AND r.id = s.rumah_tangga_id
JOIN desa d ON d.kode_desa = r.kode_desa
WHERE s.status <> 'ditolak'
GROUP BY p.id, p.nama, p.tahun, p.sumber, r.kode_desa, d.nama, d.geom
