-- Households of one village with incomplete data (admin/perkim only): the attributes the latest
-- RTLH score could not use (skor_rtlh.data_tidak_lengkap: an empty or unknown value at import,
-- issue #17), so field staff can complete them. Most missing first.
SELECT rt.id_keluarga, rt.nama_kepala, rt.alamat, s.data_tidak_lengkap, count(*) OVER () AS jumlah
FROM rumah_tangga rt
JOIN skor_rtlh s ON s.kode_prov = rt.kode_prov AND s.rumah_tangga_id = rt.id
WHERE rt.aktif AND rt.kode_prov = left(%(kode_desa)s, 2) AND rt.kode_desa = %(kode_desa)s
  AND s.data_tidak_lengkap <> '{}'
ORDER BY cardinality(s.data_tidak_lengkap) DESC, rt.id_keluarga
LIMIT %(limit)s;
