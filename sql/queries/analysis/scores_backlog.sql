-- Villages with the largest eligible RTLH backlog (view indikator_desa). Only the user's region scope (wilayah, NULL = everything).
SELECT i.kode_desa, d.nama, i.rumah_tangga, i.rtlh, i.biaya_rtlh
FROM indikator_desa i JOIN desa d USING (kode_desa)
WHERE i.rtlh > 0 AND dalam_wilayah(i.kode_desa, %(wilayah)s) ORDER BY i.rtlh DESC, i.kode_desa LIMIT %(limit)s
