-- One household's record for its page and the reasons of its score (issue #19): the registry
-- fields, its village and kecamatan by name, the current RTLH score with its components, and the
-- minimum floor area per person of the configuration that scored it. Only inside the user's
-- region scope (%(wilayah)s).
SELECT rt.kode_prov, rt.id, rt.id_keluarga, rt.nik_kepala, rt.nama_kepala, rt.alamat, rt.kode_desa, d.nama AS nama_desa,
       rt.kode_kec, k.nama AS nama_kec, rt.kode_kab, ST_Y(rt.geom) AS lat, ST_X(rt.geom) AS lon, rt.kualitas_lokasi,
       rt.desil, rt.jumlah_anggota, rt.jumlah_balita, rt.ada_lansia, rt.ada_disabilitas, rt.kepala_perempuan,
       rt.luas_lantai_m2, rt.jenis_atap, rt.jenis_dinding, rt.jenis_lantai, rt.fasilitas_bab, rt.jenis_kloset,
       rt.pembuangan_tinja, rt.sumber_air_minum, rt.sumber_penerangan, rt.status_rumah, rt.tahun_bantuan_rumah,
       rt.aktif, rt.diubah_pada, sk.skor, sk.komponen, sk.rtlh, sk.memenuhi_syarat, sk.alasan_tidak_memenuhi,
       sk.data_tidak_lengkap, r.selesai AS skor_dihitung,
       (r.parameter #>> '{konfigurasi,luas_minimum_per_orang}')::numeric AS luas_minimum
FROM rumah_tangga rt
LEFT JOIN desa d ON d.kode_desa = rt.kode_desa
LEFT JOIN kecamatan k ON k.kode_kec = rt.kode_kec
LEFT JOIN skor_rtlh sk ON sk.kode_prov = rt.kode_prov AND sk.rumah_tangga_id = rt.id
LEFT JOIN analisis_run r ON r.id = sk.run_id
WHERE rt.kode_prov = %(kode_prov)s AND rt.id = %(id)s AND dalam_wilayah(rt.kode_desa, %(wilayah)s)
