-- Background jobs (issue #15): imports and analysis runs keep their progress here, so whichever
-- web worker answers a poll reads the same state. A running job touches detak_pada (heartbeat)
-- at least every 15 s; one whose heartbeat stopped (worker killed, server restarted) is an orphan:
-- status 'berjalan' with an old detak_pada (query jobs/stale). 'pemetaan': an import waiting for the
-- user's value mapping. berkas is the uploaded file a job reads, so a clean-up can remove the files
-- of orphans and of abandoned jobs.
CREATE TABLE tugas (
    id           bigserial PRIMARY KEY,
    jenis        text NOT NULL CHECK (jenis IN ('impor', 'analisis')),
    status       text NOT NULL DEFAULT 'berjalan' CHECK (status IN ('berjalan', 'pemetaan', 'selesai', 'gagal')),
    fase         text,
    persen       smallint NOT NULL DEFAULT 0 CHECK (persen BETWEEN 0 AND 100),
    keterangan   jsonb NOT NULL DEFAULT '{}',   -- the rest of the job's state (file name, options, result)
    galat        text,                           -- its error when it failed
    oleh         text NOT NULL,
    run_id       bigint REFERENCES analisis_run (id) ON DELETE CASCADE,
    berkas       text,
    host         text,
    pid          integer,
    dimulai_pada timestamptz NOT NULL DEFAULT now(),
    detak_pada   timestamptz NOT NULL DEFAULT now(),
    selesai_pada timestamptz
);
CREATE INDEX tugas_berjalan_idx ON tugas (detak_pada) WHERE status = 'berjalan';
CREATE UNIQUE INDEX tugas_run_idx ON tugas (run_id) WHERE run_id IS NOT NULL;
