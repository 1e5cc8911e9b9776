-- One import at a time (upserts of the same ids must not interleave); the id of the import
-- running in this transaction lives in impor_aktif; per code-list column, the cells taken as they
-- are (cepat: each entry and its answer number) and their entries (kode) in imp_daftar; the
-- other distinct values and what they matched in imp_nilai (spatial/importer/values.py).
-- The import's work tables (imp_daftar and imp_nilai here; imp_mentah, imp_cek, imp_nilai_baris, imp_calon, imp_di_desa,
-- imp_tempat later) are UNLOGGED tables of this transaction, not temp tables, so that parallel
-- workers can read them (PostgreSQL never scans a temp table in parallel). Nobody else sees them:
-- they are created after the lock and dropped before commit (importer/end.sql), and a failed or
-- killed import takes them away with its rollback.
SELECT pg_advisory_xact_lock(hashtext('sasaran_impor'));
CREATE TEMP TABLE impor_aktif (id bigint) ON COMMIT DROP;
CREATE UNLOGGED TABLE imp_daftar (kolom text PRIMARY KEY, cepat text[] NOT NULL, kode text[] NOT NULL);
CREATE UNLOGGED TABLE imp_nilai (kolom text, mentah text, kode text, dikenal boolean NOT NULL, saran text,
                                 PRIMARY KEY (kolom, mentah));
