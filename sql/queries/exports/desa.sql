-- Layer desa: villages with their indicators (view indikator_desa).
SELECT d.kode_desa AS fid, d.kode_desa, d.dimuat_pada AS waktu, d.geom,
       jsonb_build_object('kode_desa', d.kode_desa, 'nama', d.nama, 'jenis', d.jenis, 'kode_kec', d.kode_kec,
           'luas_ha', round((d.luas_m2 / 10000)::numeric, 1)) || (to_jsonb(i) - 'kode_desa') AS props
FROM desa d LEFT JOIN indikator_desa i USING (kode_desa)
