-- Orphaned jobs: still 'berjalan' but no heartbeat for longer than the given seconds.
SELECT id, jenis, fase, persen, keterangan, oleh, run_id, berkas, host, pid, dimulai_pada, detak_pada
FROM tugas WHERE status = 'berjalan' AND detak_pada < now() - make_interval(secs => %(detik)s)
ORDER BY detak_pada
