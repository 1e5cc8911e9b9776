-- Per-household analysis results at province scale (issue #22). analisis_akses (gaps) and
-- skor_rtlh (scores) get a row per household from their run, in the run's own transaction: a
-- million rows per run for a province. Their foreign key to analisis_run checked every row with
-- one trigger call (8.7-13.3 s of a 1,000,000-household gaps run on the shared machine, more than
-- writing the rows). The run row exists before its results are written and is never changed, so
-- the check cannot fail; the rows of a deleted run still go with it, by one statement trigger.
ALTER TABLE analisis_akses DROP CONSTRAINT analisis_akses_run_id_fkey;
ALTER TABLE skor_rtlh DROP CONSTRAINT skor_rtlh_run_id_fkey;

CREATE FUNCTION analisis_run_hapus_hasil() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM analisis_akses WHERE run_id IN (SELECT id FROM lama);
    DELETE FROM skor_rtlh WHERE run_id IN (SELECT id FROM lama);
    RETURN NULL;
END $$;

CREATE TRIGGER analisis_run_hapus_hasil AFTER DELETE ON analisis_run
    REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION analisis_run_hapus_hasil();
