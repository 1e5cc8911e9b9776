DELETE FROM sesi WHERE pengguna_id = %(pengguna_id)s
