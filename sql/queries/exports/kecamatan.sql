-- Layer kecamatan: kecamatan polygons with their village count.
SELECT k.kode_kec AS fid, NULL::text AS kode_desa, NULL::timestamptz AS waktu, k.geom,
       jsonb_build_object('kode_kec', k.kode_kec, 'nama', k.nama, 'kode_kab', k.kode_kab,
           'jumlah_desa', (SELECT count(*) FROM desa d WHERE d.kode_kec = k.kode_kec)) AS props
FROM kecamatan k
WHERE k.geom IS NOT NULL
