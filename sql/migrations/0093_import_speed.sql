-- Household import throughput (issues #3, #9).
-- * Change detection compares the imported columns themselves (households_merge.sql), so the
--   per-row hash of the attributes is no longer computed or stored.
-- * rumah_tangga.impor_id is written only by the importer, with the id of the impor row it created
--   in the same transaction, and impor rows are never deleted (it is the import history): the
--   foreign key checked that per inserted row (one trigger call each, 2.6 s per million rows).
ALTER TABLE rumah_tangga DROP CONSTRAINT rumah_tangga_impor_id_fkey;
ALTER TABLE rumah_tangga DROP COLUMN hash_baris;
