-- The households of a programme (all statuses, or one status; or the given selections) with names of their village and kecamatan,
-- ordered for print: kecamatan, village, then priority score. Only households of the user's region
-- scope (%(wilayah)s, NULL: unscoped; issue #8).
SELECT s.id AS seleksi_id, s.status, s.skor, s.cara, s.verifikator, s.tanggal_verifikasi, s.foto, s.alasan,
       s.diubah_oleh, s.diubah_pada, rt.kode_prov, rt.id, rt.id_keluarga, rt.nik_kepala, rt.nama_kepala,
       rt.alamat, rt.kode_desa, d.nama AS nama_desa, rt.kode_kec, k.nama AS nama_kec, rt.desil,
       rt.jumlah_anggota, rt.kualitas_lokasi, rt.jenis_atap, rt.jenis_dinding, rt.jenis_lantai,
       ST_Y(rt.geom) AS lat, ST_X(rt.geom) AS lon
FROM seleksi s
JOIN rumah_tangga rt ON rt.kode_prov = s.kode_prov AND rt.id = s.rumah_tangga_id
LEFT JOIN desa d ON d.kode_desa = rt.kode_desa
LEFT JOIN kecamatan k ON k.kode_kec = rt.kode_kec
WHERE s.program_id = %(program_id)s
  AND (%(kode_desa)s::text IS NULL OR rt.kode_desa = %(kode_desa)s)
  AND (%(hidup)s IS NOT TRUE OR s.status <> 'ditolak')
  AND (%(status)s::text IS NULL OR s.status = %(status)s)
  AND (%(seleksi_ids)s::bigint[] IS NULL OR s.id = ANY(%(seleksi_ids)s::bigint[]))
  AND dalam_wilayah(rt.kode_desa, %(wilayah)s)
ORDER BY k.nama, d.nama, s.skor DESC NULLS LAST, rt.id
