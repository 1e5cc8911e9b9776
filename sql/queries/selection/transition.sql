-- Change the status of one selection; the trigger checks the transition and writes the history.
UPDATE seleksi SET status = %(ke)s, alasan = %(alasan)s, diubah_oleh = %(oleh)s,
       verifikator = COALESCE(%(verifikator)s, verifikator),
       tanggal_verifikasi = COALESCE(%(tanggal_verifikasi)s, tanggal_verifikasi),
       foto = COALESCE(%(foto)s, foto)
WHERE id = %(id)s AND program_id = %(program_id)s
RETURNING id, status
