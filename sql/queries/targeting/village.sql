-- One village of the user's region (no row outside it).
SELECT d.kode_desa, d.nama, d.kode_kec, d.kode_kab FROM desa d
 WHERE d.kode_desa = %(kode_desa)s AND dalam_wilayah(d.kode_desa, %(wilayah)s);
