-- id_keluarga is unique per province (the partition key must be part of a unique constraint).
-- With id_keluarga first, that one index also serves look-ups by id_keluarga alone (import
-- upserts, duplicate NIK checks), so the separate index on id_keluarga goes: one index fewer to
-- build on a bulk load and to maintain on every insert.
ALTER TABLE rumah_tangga ADD CONSTRAINT rumah_tangga_id_keluarga_kode_prov_key UNIQUE (id_keluarga, kode_prov);
ALTER TABLE rumah_tangga DROP CONSTRAINT rumah_tangga_kode_prov_id_keluarga_key;
DROP INDEX rumah_tangga_idkel_idx;
