SELECT id, waktu, pengguna, aksi, objek, objek_id, detail
FROM audit_log
WHERE (%(pengguna)s::text IS NULL OR pengguna = %(pengguna)s)
  AND (%(aksi)s::text IS NULL OR aksi = %(aksi)s)
ORDER BY waktu DESC, id DESC
LIMIT %(limit)s
