-- Stored worksheet items by number, with their village (for the region check of an outcome).
SELECT id, kode_desa, program, periode FROM cek_ulang WHERE id = ANY(%(id)s);
