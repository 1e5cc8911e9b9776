-- The import's work tables (import_stage.sql), dropped before its transaction commits; CASCADE
-- takes the temp views over them (imp_sel, rt_siap). imp_ada exists only in a household
-- import (households_known.sql); imp_nonaktif only with --mark-inactive.
DROP TABLE imp_daftar, imp_nilai, imp_nilai_baris, imp_mentah, imp_cek, imp_calon, imp_di_desa, imp_tempat CASCADE;
DROP TABLE IF EXISTS imp_ada, imp_nonaktif;
