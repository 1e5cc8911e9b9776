-- Growth rows are placed in their declared village (no coordinates): the located-row exceptions
-- the rejects report reads (importer/rejects.sql) are none.
CREATE UNLOGGED TABLE imp_tempat (urutan integer, kode_desa text, alasan text[], peringatan text[], keterangan text[]);
