-- Recipients of one programme and period not linked to the registry, in the user's region: not
-- found by family id, NIK or name (tidak_ditemukan), or a name + village match held for review
-- (ditahan, with why: catatan_cocok). Personal data: callers check the role and audit.
SELECT p.kode_desa_deklarasi AS kode_desa, d.nama AS nama_desa, p.id_keluarga, p.nik_kepala AS nik, p.nama_kepala,
       p.alamat, CASE WHEN p.cara_cocok = 'nama_desa' THEN 'ditahan' ELSE 'tidak_ditemukan' END AS keadaan,
       p.catatan_cocok
  FROM penerima_bantuan p
  JOIN desa d ON d.kode_desa = p.kode_desa_deklarasi
 WHERE p.program = %(program)s AND p.periode = %(periode)s AND p.rt_id IS NULL
   AND dalam_wilayah(p.kode_desa_deklarasi, %(wilayah)s)
 ORDER BY p.kode_desa_deklarasi, p.nama_kepala, p.id;
