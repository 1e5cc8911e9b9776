SELECT id, parameter FROM analisis_run
WHERE jenis = 'celah' AND status = 'selesai' AND (id = %(run_id)s OR %(run_id)s = 0)
ORDER BY id DESC LIMIT 1
