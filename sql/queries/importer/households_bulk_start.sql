-- A first load of one province: when every checked row declares a village of the same province
-- (importer/rejects.sql returns it) and that province's partition is empty, detach it for a load
-- without index maintenance (sasaran_partisi_lepas). Returns the province code, or no row.
SELECT %(kode_prov)s::text AS kode_prov WHERE sasaran_partisi_lepas(%(kode_prov)s);
