-- Step 1: the family id in the kabupaten of the declared village (ids are unique per kabupaten).
-- A NIK in the list that differs from the registry's is noted, the family id decides.
UPDATE penerima_bantuan p
   SET cara_cocok = 'id_keluarga', rt_prov = r.kode_prov, rt_id = r.id,
       catatan_cocok = CASE WHEN p.nik_kepala <> r.nik_kepala THEN 'nik_berbeda' END
  FROM cocok_sasaran c, rumah_tangga r
 WHERE p.id = c.id AND r.id_keluarga = p.id_keluarga AND r.kode_kab_registri = p.kode_kab_registri;
