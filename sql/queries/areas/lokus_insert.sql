INSERT INTO lokus_desa (tahun, jenis, kode_desa, alasan, ditetapkan_oleh)
VALUES (%(tahun)s, %(jenis)s, %(kode_desa)s, %(alasan)s, %(oleh)s)
