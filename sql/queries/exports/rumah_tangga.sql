-- Layer rumah_tangga: household points (admin/perkim). NIK and name only when pribadi is true
-- (admin asking explicitly); the address goes with them.
SELECT (r.kode_prov || '-' || r.id) AS fid, r.kode_desa, r.diubah_pada AS waktu, r.geom,
       jsonb_build_object('id_keluarga', r.id_keluarga, 'kode_desa', r.kode_desa, 'desil', r.desil,
           'jumlah_anggota', r.jumlah_anggota, 'jumlah_balita', r.jumlah_balita,
           'kualitas_lokasi', r.kualitas_lokasi,
           'air_layak', sasaran_air_layak(r.sumber_air_minum),
           'sanitasi_layak', sasaran_sanitasi_layak(r.fasilitas_bab, r.jenis_kloset, r.pembuangan_tinja),
           'skor_rtlh', s.skor, 'rtlh', s.rtlh, 'memenuhi_syarat', s.memenuhi_syarat)
       || CASE WHEN %(pribadi)s::boolean
               THEN jsonb_build_object('nik_kepala', r.nik_kepala, 'nama_kepala', r.nama_kepala, 'alamat', r.alamat)
               ELSE '{}'::jsonb END AS props
FROM rumah_tangga r
LEFT JOIN skor_rtlh s ON s.kode_prov = r.kode_prov AND s.rumah_tangga_id = r.id
WHERE r.aktif AND r.geom IS NOT NULL
