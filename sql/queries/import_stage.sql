-- The id of the import running in this transaction.
CREATE TEMP TABLE impor_aktif (id bigint) ON COMMIT DROP;
