-- The gaps run siting reads: run_id when given (0 = the latest), always one of this kabupaten.
SELECT id, parameter FROM analisis_run
WHERE jenis = 'celah' AND status = 'selesai' AND kode_wilayah = %(kode_kab)s AND (id = %(run_id)s OR %(run_id)s = 0)
ORDER BY id DESC LIMIT 1
