-- Step 3, output: every name + village match is flagged for review with its candidate and score;
-- linked only when spatial/targeting/matching.py found no reason against it (tautkan).
UPDATE penerima_bantuan p
   SET cara_cocok = 'nama_desa', calon_prov = n.calon_prov, calon_id = n.calon_id, skor_cocok = n.skor,
       tinjau = 'perlu', catatan_cocok = n.catatan,
       rt_prov = CASE WHEN n.tautkan THEN n.calon_prov END, rt_id = CASE WHEN n.tautkan THEN n.calon_id END
  FROM cocok_nama n
 WHERE p.id = n.id;
