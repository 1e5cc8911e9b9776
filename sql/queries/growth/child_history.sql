-- Every measurement of the child of measurement %(id)s (same id, same kabupaten) in the region,
-- oldest first, with the household it is linked to (personal health data: kesehatan/admin only).
SELECT a.id, a.id_anak, a.nik_anak, a.nama_anak, a.jenis_kelamin, a.tanggal_lahir, a.tanggal_ukur, a.umur_hari,
       a.berat_kg, a.tinggi_cm, a.cara_ukur, a.tinggi_koreksi, a.z_tbu, a.z_bbu, a.z_bbtb, a.flag_tbu, a.flag_bbu,
       a.flag_bbtb, a.posisi_tidak_wajar, a.kelas_tbu, a.kelas_bbu, a.kelas_bbtb, a.kode_desa, d.nama AS nama_desa,
       a.posyandu, a.nik_ortu, a.no_kk, l.id_keluarga, a.impor_id
  FROM pengukuran_anak x
  JOIN pengukuran_anak a ON a.id_anak = x.id_anak AND a.kode_kab_registri = x.kode_kab_registri
  JOIN desa d ON d.kode_desa = a.kode_desa
  LEFT JOIN LATERAL (SELECT r.id_keluarga FROM anak_rumah_tangga l JOIN rumah_tangga r
                       ON r.kode_prov = l.kode_prov AND r.id = l.rumah_tangga_id
                      WHERE l.pengukuran_id = a.id) l ON true
 WHERE x.id = %(id)s AND dalam_wilayah(a.kode_desa, %(wilayah)s)
 ORDER BY a.tanggal_ukur;
