-- The saved value mapping of one import source (no row: none yet).
SELECT pemetaan_nilai FROM impor_sumber WHERE jenis = %(jenis)s AND nama = %(nama)s;
