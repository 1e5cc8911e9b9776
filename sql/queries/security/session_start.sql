-- A new session of a user; expired sessions of every user are removed on the way.
WITH opruimen AS (DELETE FROM sesi WHERE berakhir_pada < now())
INSERT INTO sesi (token_hash, pengguna_id, berakhir_pada, alamat_ip)
VALUES (%(token_hash)s, %(pengguna_id)s, now() + make_interval(secs => %(detik)s), %(ip)s)
