-- Upsert the accepted measurements (anak_cek + imp_z) into pengukuran_anak by child id, kabupaten
-- and measurement date. Returns (ditambah, diubah, tetap).
CREATE TEMP TABLE anak_siap ON COMMIT DROP AS
SELECT c.id_anak, c.nik_anak, c.nama_anak, CASE c.jenis_kelamin WHEN 'laki-laki' THEN 'L' ELSE 'P' END AS jenis_kelamin,
       c.tanggal_lahir, c.tanggal_ukur, c.berat_kg, c.tinggi_cm, c.cara_ukur, c.kode_desa_deklarasi AS kode_desa,
       left(c.kode_desa_deklarasi, 5) AS kode_kab, c.posyandu, c.nik_ortu, c.no_kk, c.umur_hari,
       z.tinggi_koreksi, z.z_tbu, z.z_bbu, z.z_bbtb, z.flag_tbu, z.flag_bbu, z.flag_bbtb, z.posisi_tidak_wajar,
       z.kelas_tbu, z.kelas_bbu, z.kelas_bbtb
  FROM anak_cek c JOIN imp_z z ON z.urutan = c.urutan;
ANALYZE anak_siap;
WITH changed AS (
    UPDATE pengukuran_anak a
       SET nik_anak = s.nik_anak, nama_anak = s.nama_anak, jenis_kelamin = s.jenis_kelamin,
           tanggal_lahir = s.tanggal_lahir, berat_kg = s.berat_kg, tinggi_cm = s.tinggi_cm, cara_ukur = s.cara_ukur,
           kode_desa = s.kode_desa, posyandu = s.posyandu, nik_ortu = s.nik_ortu, no_kk = s.no_kk,
           umur_hari = s.umur_hari, tinggi_koreksi = s.tinggi_koreksi, z_tbu = s.z_tbu, z_bbu = s.z_bbu,
           z_bbtb = s.z_bbtb, flag_tbu = s.flag_tbu, flag_bbu = s.flag_bbu, flag_bbtb = s.flag_bbtb,
           posisi_tidak_wajar = s.posisi_tidak_wajar, kelas_tbu = s.kelas_tbu, kelas_bbu = s.kelas_bbu,
           kelas_bbtb = s.kelas_bbtb, impor_id = (SELECT id FROM impor_aktif), diperbarui_pada = now()
      FROM anak_siap s
     WHERE a.id_anak = s.id_anak AND a.kode_kab_registri = s.kode_kab AND a.tanggal_ukur = s.tanggal_ukur
       AND (a.nik_anak, a.nama_anak, a.jenis_kelamin, a.tanggal_lahir, a.berat_kg, a.tinggi_cm, a.cara_ukur,
            a.kode_desa, a.posyandu, a.nik_ortu, a.no_kk, a.z_tbu, a.z_bbu, a.z_bbtb)
           IS DISTINCT FROM
           (s.nik_anak, s.nama_anak, s.jenis_kelamin, s.tanggal_lahir, s.berat_kg, s.tinggi_cm, s.cara_ukur,
            s.kode_desa, s.posyandu, s.nik_ortu, s.no_kk, s.z_tbu, s.z_bbu, s.z_bbtb)
    RETURNING a.id
), added AS (
    INSERT INTO pengukuran_anak (id_anak, nik_anak, nama_anak, jenis_kelamin, tanggal_lahir, tanggal_ukur, berat_kg,
                                 tinggi_cm, cara_ukur, kode_desa, posyandu, nik_ortu, no_kk, umur_hari, tinggi_koreksi,
                                 z_tbu, z_bbu, z_bbtb, flag_tbu, flag_bbu, flag_bbtb, posisi_tidak_wajar, kelas_tbu,
                                 kelas_bbu, kelas_bbtb, impor_id)
    SELECT s.id_anak, s.nik_anak, s.nama_anak, s.jenis_kelamin, s.tanggal_lahir, s.tanggal_ukur, s.berat_kg,
           s.tinggi_cm, s.cara_ukur, s.kode_desa, s.posyandu, s.nik_ortu, s.no_kk, s.umur_hari, s.tinggi_koreksi,
           s.z_tbu, s.z_bbu, s.z_bbtb, s.flag_tbu, s.flag_bbu, s.flag_bbtb, s.posisi_tidak_wajar, s.kelas_tbu,
           s.kelas_bbu, s.kelas_bbtb, (SELECT id FROM impor_aktif)
      FROM anak_siap s
     WHERE NOT EXISTS (SELECT 1 FROM pengukuran_anak a WHERE a.id_anak = s.id_anak AND a.kode_kab_registri = s.kode_kab
                                                          AND a.tanggal_ukur = s.tanggal_ukur)
    RETURNING id
)
SELECT (SELECT count(*) FROM added), (SELECT count(*) FROM changed),
       (SELECT count(*) FROM anak_siap) - (SELECT count(*) FROM added) - (SELECT count(*) FROM changed);
