-- A new running job of this process.
INSERT INTO tugas (jenis, keterangan, oleh, run_id, berkas, host, pid)
VALUES (%(jenis)s, %(keterangan)s, %(oleh)s, %(run_id)s, %(berkas)s, %(host)s, %(pid)s)
RETURNING id
