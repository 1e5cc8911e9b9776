INSERT INTO audit_log (pengguna, aksi, objek, objek_id, detail)
VALUES (%(pengguna)s, %(aksi)s, %(objek)s, %(objek_id)s, %(detail)s)
