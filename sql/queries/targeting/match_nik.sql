-- Step 2: the NIK of the head, in any kabupaten (a NIK is national); of several households with
-- that NIK (an active one and former inactive ones) the active, most recently changed one.
UPDATE penerima_bantuan p
   SET cara_cocok = 'nik', rt_prov = r.kode_prov, rt_id = r.id
  FROM cocok_sasaran c,
       (SELECT DISTINCT ON (h.nik_kepala) h.nik_kepala, h.kode_prov, h.id
          FROM rumah_tangga h
         WHERE h.nik_kepala IN (SELECT q.nik_kepala FROM penerima_bantuan q JOIN cocok_sasaran k ON k.id = q.id
                                 WHERE q.rt_id IS NULL AND q.nik_kepala IS NOT NULL)
         ORDER BY h.nik_kepala, h.aktif DESC, h.diubah_pada DESC, h.id) r
 WHERE p.id = c.id AND p.rt_id IS NULL AND p.nik_kepala = r.nik_kepala;
