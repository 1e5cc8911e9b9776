-- The import's work tables (importer/stage.sql), dropped before its transaction commits; CASCADE
-- takes the temp views over them (imp_sel, imp_baris, rt_siap, anak_cek). Only some kinds make the
-- others: imp_calon and
-- imp_di_desa (located kinds, locate.sql), imp_ada (households_known.sql), imp_nonaktif (only with
-- --mark-inactive), imp_z (growth), imp_nilai_baris (kinds with code-list columns, values.py).
DROP TABLE imp_daftar, imp_nilai, imp_mentah, imp_cek, imp_tempat CASCADE;
DROP TABLE IF EXISTS imp_nilai_baris, imp_calon, imp_di_desa, imp_ada, imp_nonaktif, imp_z;
