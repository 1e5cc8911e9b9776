-- Step 3, input: the rows of the batch still unlinked that have a name, by declared village.
SELECT p.id, p.kode_desa_deklarasi, p.nama_kepala, p.nik_kepala, p.program, p.periode
  FROM penerima_bantuan p JOIN cocok_sasaran c ON c.id = p.id
 WHERE p.rt_id IS NULL AND p.nama_kepala IS NOT NULL
 ORDER BY p.kode_desa_deklarasi, p.id;
