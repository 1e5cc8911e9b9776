-- The active user of a live session (none after sign-out, a new password, deactivation or the
-- session's end).
SELECT p.id, p.username, p.nama, p.peran, p.kode_wilayah
FROM sesi s JOIN pengguna p ON p.id = s.pengguna_id
WHERE s.token_hash = %(token_hash)s AND p.id = %(pengguna_id)s AND p.aktif AND s.berakhir_pada > now()
