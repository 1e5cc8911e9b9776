-- The live token with this hash (and mark it used).
UPDATE token_instansi SET terakhir_dipakai = now()
WHERE token_hash = %(token_hash)s AND dicabut_pada IS NULL
RETURNING id, instansi, koleksi
