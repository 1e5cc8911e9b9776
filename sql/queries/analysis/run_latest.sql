SELECT id FROM analisis_run WHERE jenis = %(jenis)s AND status = 'selesai' ORDER BY id DESC LIMIT 1
