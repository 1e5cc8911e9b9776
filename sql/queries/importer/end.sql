-- The import's work tables (import_stage.sql), dropped before its transaction commits; CASCADE
-- takes the temp views over them (imp_sel, rt_siap). imp_ada exists only after a household
-- upsert that was kept (households_known.sql; a dry run rolls it back with the upsert).
DROP TABLE imp_daftar, imp_mentah, imp_cek, imp_calon, imp_di_desa, imp_tempat CASCADE;
DROP TABLE IF EXISTS imp_ada;
