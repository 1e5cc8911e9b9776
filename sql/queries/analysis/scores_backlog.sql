-- Villages with the largest eligible RTLH backlog of each kabupaten (view indikator_desa), ranked
-- within their kabupaten. Only the user's region scope (wilayah, NULL = everything).
SELECT kode_kab, nama_kab, peringkat, kode_desa, nama, rumah_tangga, rtlh, biaya_rtlh
FROM (
    SELECT d.kode_kab, k.nama AS nama_kab, i.kode_desa, d.nama, i.rumah_tangga, i.rtlh, i.biaya_rtlh,
           row_number() OVER (PARTITION BY d.kode_kab ORDER BY i.rtlh DESC, i.kode_desa) AS peringkat
    FROM indikator_desa i JOIN desa d USING (kode_desa) JOIN kabupaten k ON k.kode_kab = d.kode_kab
    WHERE i.rtlh > 0 AND dalam_wilayah(i.kode_desa, %(wilayah)s)
) ranked
WHERE peringkat <= %(limit)s
ORDER BY kode_kab, peringkat
