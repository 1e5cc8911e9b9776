-- One uploaded field form of a programme (FOR UPDATE: applying it twice at once waits here).
SELECT * FROM verifikasi_unggahan WHERE id = %(id)s AND program_id = %(program_id)s FOR UPDATE
