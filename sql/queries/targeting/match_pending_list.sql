-- Name + village matches waiting for a reviewer in the user's region: the list's row beside the
-- registry's candidate, with the score and why it was not linked (catatan_cocok).
SELECT p.id, p.program, p.periode, p.kode_desa_deklarasi AS kode_desa, d.nama AS nama_desa,
       p.nama_kepala AS nama_daftar, p.nik_kepala AS nik_daftar, p.alamat AS alamat_daftar,
       c.nama_kepala AS nama_registri, c.nik_kepala AS nik_registri, c.id_keluarga, c.alamat AS alamat_registri,
       round(p.skor_cocok) AS skor, p.catatan_cocok, p.rt_id IS NOT NULL AS tertaut
  FROM penerima_bantuan p
  JOIN rumah_tangga c ON c.kode_prov = p.calon_prov AND c.id = p.calon_id
  JOIN desa d ON d.kode_desa = p.kode_desa_deklarasi
 WHERE p.tinjau = 'perlu' AND dalam_wilayah(p.kode_desa_deklarasi, %(wilayah)s)
 ORDER BY p.rt_id IS NOT NULL, p.skor_cocok DESC, p.id
 LIMIT 500;
