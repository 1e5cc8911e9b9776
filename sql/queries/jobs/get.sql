-- One job.
SELECT id, jenis, status, fase, persen, keterangan, galat, oleh, run_id, berkas, host, pid,
       dimulai_pada, detak_pada, selesai_pada
FROM tugas WHERE id = %(id)s
