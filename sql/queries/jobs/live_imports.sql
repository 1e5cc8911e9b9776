-- Import jobs still running or waiting for the value mapping (candidates of the start-up clean-up).
SELECT id, jenis, status, fase, persen, keterangan, galat, oleh, run_id, berkas, host, pid,
       dimulai_pada, detak_pada, selesai_pada
FROM tugas WHERE jenis = 'impor' AND status IN ('berjalan', 'pemetaan')
