-- Village indicators of the map (view indikator_desa of issue #4) with names and kabupaten, for
-- every village (the kabupaten averages need all villages of a kabupaten, whoever asks).
SELECT d.kode_desa, d.nama, d.kode_kec, k.nama AS nama_kec, d.kode_kab, kb.nama AS nama_kab,
       COALESCE(i.rumah_tangga, 0) AS rumah_tangga, i.desil12, i.persen_desil12, i.rtlh, i.biaya_rtlh,
       i.tanpa_air_layak, i.persen_tanpa_air_layak, i.tanpa_sanitasi_layak,
       i.persen_tanpa_sanitasi_layak, i.risiko_stunting, i.persen_risiko_stunting
FROM desa d
JOIN kecamatan k USING (kode_kec)
JOIN kabupaten kb ON kb.kode_kab = d.kode_kab
LEFT JOIN indikator_desa i USING (kode_desa)
ORDER BY d.kode_desa;
