-- Villages with the largest eligible RTLH backlog (view indikator_desa).
SELECT i.kode_desa, d.nama, i.rumah_tangga, i.rtlh, i.biaya_rtlh
FROM indikator_desa i JOIN desa d USING (kode_desa)
WHERE i.rtlh > 0 ORDER BY i.rtlh DESC, i.kode_desa LIMIT %(limit)s
