-- Analyses per kabupaten (issue #18). Every run covers one kabupaten (kode_wilayah); a request for
-- a province (or for everything) becomes one run per kabupaten, sharing a kelompok number. Runs
-- record when they were asked for, their real start and finish (clock time, not the transaction
-- start), the rows they wrote, and a fingerprint of the data they read (versi_data: re-running
-- after an import skips kabupaten whose fingerprint has not changed).
CREATE SEQUENCE analisis_kelompok_seq;

ALTER TABLE analisis_run
    ADD COLUMN kode_wilayah text CHECK (kode_wilayah ~ '^\d{2}\.\d{2}$'),
    ADD COLUMN kelompok     bigint,
    ADD COLUMN diminta      timestamptz,
    ADD COLUMN baris        jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN versi_data   text,
    ALTER COLUMN mulai DROP NOT NULL,
    ALTER COLUMN mulai DROP DEFAULT,
    DROP CONSTRAINT analisis_run_status_check,
    ADD CONSTRAINT analisis_run_status_check CHECK (status IN ('antri', 'berjalan', 'selesai', 'gagal'));
UPDATE analisis_run SET diminta = mulai;
ALTER TABLE analisis_run ALTER COLUMN diminta SET NOT NULL, ALTER COLUMN diminta SET DEFAULT now();

-- Runs made before this migration pooled every kabupaten. Where the households all lie in one
-- kabupaten a pooled run is that kabupaten's run; elsewhere they stay readable by id but are no
-- kabupaten's current result until the analyses run again.
UPDATE analisis_run SET kode_wilayah = (SELECT min(kode_kab) FROM rumah_tangga WHERE aktif)
WHERE (SELECT count(DISTINCT kode_kab) FROM rumah_tangga WHERE aktif) = 1;

CREATE INDEX analisis_run_terkini_idx ON analisis_run (jenis, kode_wilayah, id DESC) WHERE status = 'selesai';
CREATE INDEX analisis_run_kelompok_idx ON analisis_run (kelompok) WHERE kelompok IS NOT NULL;

-- Pockets are found per kabupaten with the poor households of neighbouring kabupaten near the
-- border as context (see README): how many members of the density cluster lie across the border.
ALTER TABLE analisis_kantong ADD COLUMN anggota_kab_lain integer NOT NULL DEFAULT 0;

-- A programme of a province (or of two kabupaten sharing a server) may split its units between
-- kabupaten: quotas per kabupaten beside those per village and kecamatan.
ALTER TABLE program_kuota DROP CONSTRAINT program_kuota_kode_wilayah_check,
    ADD CONSTRAINT program_kuota_kode_wilayah_check CHECK (kode_wilayah ~ '^\d{2}\.\d{2}(\.\d{2}(\.\d{4})?)?$');
