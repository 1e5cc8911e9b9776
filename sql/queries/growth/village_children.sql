-- The children measured in one village (personal health data: kesehatan/admin only, audited):
-- each child once, with its latest measurement there, its z-scores and classes, and whether it is
-- linked to a household of the registry.
SELECT DISTINCT ON (a.kode_kab_registri, a.id_anak)
       a.id, a.id_anak, a.nik_anak, a.nama_anak, a.jenis_kelamin, a.tanggal_lahir, a.tanggal_ukur, a.umur_hari,
       a.berat_kg, a.tinggi_cm, a.cara_ukur, a.z_tbu, a.z_bbu, a.z_bbtb, a.kelas_tbu, a.kelas_bbu, a.kelas_bbtb,
       a.flag_tbu OR a.flag_bbu OR a.flag_bbtb AS ditandai, a.posyandu,
       EXISTS (SELECT 1 FROM anak_rumah_tangga l WHERE l.pengukuran_id = a.id) AS terhubung
  FROM pengukuran_anak a
 WHERE a.kode_desa = %(kode_desa)s AND dalam_wilayah(a.kode_desa, %(wilayah)s)
 ORDER BY a.kode_kab_registri, a.id_anak, a.tanggal_ukur DESC;
