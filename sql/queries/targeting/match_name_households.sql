-- Step 3, candidates: the households assigned to or declared in the villages desa.
SELECT h.kode_desa, h.kode_desa_deklarasi, h.kode_prov, h.id, h.nama_kepala, h.nik_kepala
  FROM rumah_tangga h
 WHERE h.nama_kepala IS NOT NULL AND (h.kode_desa = ANY(%(desa)s) OR h.kode_desa_deklarasi = ANY(%(desa)s));
