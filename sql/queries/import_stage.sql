-- One import at a time (upserts of the same ids must not interleave); the id of the import
-- running in this transaction lives in impor_aktif, the valid category values in imp_daftar.
SELECT pg_advisory_xact_lock(hashtext('sasaran_impor'));
CREATE TEMP TABLE impor_aktif (id bigint) ON COMMIT DROP;
CREATE TEMP TABLE imp_daftar (kolom text PRIMARY KEY, daftar text[] NOT NULL) ON COMMIT DROP;
