INSERT INTO token_instansi (instansi, token_hash, prefiks, koleksi, dibuat_oleh)
VALUES (%(instansi)s, %(token_hash)s, %(prefiks)s, %(koleksi)s, %(oleh)s)
RETURNING id
