DELETE FROM lokus_desa WHERE tahun = %(tahun)s AND jenis = %(jenis)s AND dalam_wilayah(kode_desa, %(wilayah)s)
