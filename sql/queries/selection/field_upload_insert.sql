-- Keep an uploaded field form with its preview (plan) until it is applied.
INSERT INTO verifikasi_unggahan (program_id, nama_berkas, sha256, oleh, wilayah, rencana)
VALUES (%(program_id)s, %(nama_berkas)s, %(sha256)s, %(oleh)s, %(wilayah)s, %(rencana)s)
RETURNING id
