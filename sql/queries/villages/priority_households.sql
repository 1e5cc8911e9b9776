-- Top priority households of one village (admin/perkim only): by priority score of issue #4 when
-- present (skor_rtlh), then poorest desil, then household size.
SELECT rt.kode_prov, rt.id, rt.id_keluarga, rt.nik_kepala, rt.nama_kepala, rt.alamat, rt.desil, rt.jumlah_anggota,
       rt.jumlah_balita, s.skor
FROM rumah_tangga rt
LEFT JOIN skor_rtlh s ON s.kode_prov = rt.kode_prov AND s.rumah_tangga_id = rt.id
WHERE rt.aktif AND rt.kode_prov = left(%(kode_desa)s, 2) AND rt.kode_desa = %(kode_desa)s  -- kode_prov: one partition
ORDER BY s.skor DESC NULLS LAST, rt.desil NULLS LAST, rt.jumlah_anggota DESC NULLS LAST, rt.id
LIMIT %(limit)s;
