-- Households of a programme for the field verification form (issue #19), in the order of the
-- walk (kecamatan, village, score): the recorded house data, the current RTLH score with its
-- components and the minimum floor area per person of the configuration that scored it. Only the
-- given statuses, the given village or selections, and the user's region scope (%(wilayah)s).
SELECT s.id AS seleksi_id, s.status, s.verifikator, s.tanggal_verifikasi, rt.kode_prov, rt.id, rt.id_keluarga,
       rt.nama_kepala, rt.alamat, rt.kode_desa, d.nama AS nama_desa, rt.kode_kec, k.nama AS nama_kec,
       ST_Y(rt.geom) AS lat, ST_X(rt.geom) AS lon, rt.kualitas_lokasi, rt.jenis_atap, rt.jenis_dinding,
       rt.jenis_lantai, rt.luas_lantai_m2, rt.jumlah_anggota, rt.jumlah_balita, rt.fasilitas_bab, rt.jenis_kloset,
       rt.pembuangan_tinja, rt.sumber_air_minum, rt.sumber_penerangan, rt.desil, sk.skor, sk.komponen,
       sk.data_tidak_lengkap, (r.parameter #>> '{konfigurasi,luas_minimum_per_orang}')::numeric AS luas_minimum
FROM seleksi s
JOIN rumah_tangga rt ON rt.kode_prov = s.kode_prov AND rt.id = s.rumah_tangga_id
LEFT JOIN desa d ON d.kode_desa = rt.kode_desa
LEFT JOIN kecamatan k ON k.kode_kec = rt.kode_kec
LEFT JOIN skor_rtlh sk ON sk.kode_prov = rt.kode_prov AND sk.rumah_tangga_id = rt.id
LEFT JOIN analisis_run r ON r.id = sk.run_id
WHERE s.program_id = %(program_id)s
  AND s.status = ANY(%(status)s::text[])
  AND (%(kode_desa)s::text IS NULL OR rt.kode_desa = %(kode_desa)s)
  AND (%(seleksi_ids)s::bigint[] IS NULL OR s.id = ANY(%(seleksi_ids)s::bigint[]))
  AND dalam_wilayah(rt.kode_desa, %(wilayah)s)
ORDER BY k.nama, d.nama, sk.skor DESC NULLS LAST, rt.id
