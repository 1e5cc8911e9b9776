-- Re-attach the partition filled by a bulk load (see households_bulk_start.sql); builds its indexes.
SELECT sasaran_partisi_pasang(%(kode_prov)s);
