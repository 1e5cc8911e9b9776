-- Step 3: households already linked to a row of the programmes and periods of the batch.
SELECT DISTINCT p.program, p.periode, p.rt_prov, p.rt_id
  FROM penerima_bantuan p
 WHERE p.rt_id IS NOT NULL
   AND (p.program, p.periode) IN (SELECT q.program, q.periode FROM penerima_bantuan q JOIN cocok_sasaran c ON c.id = q.id);
