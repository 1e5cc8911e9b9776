-- The items of a village's worksheet, kept so that each line has a number the filled worksheet
-- answers to: new ones added, changed reasons and evidence updated; an outcome already reported stays.
INSERT INTO cek_ulang AS c (program, periode, kode_desa, kunci, usulan, alasan, bukti)
SELECT %(program)s, %(periode)s, %(kode_desa)s, x.kunci, x.usulan, x.alasan, x.bukti
  FROM unnest(%(kunci)s::text[], %(usulan)s::text[], %(alasan)s::text[], %(bukti)s::text[]) AS x(kunci, usulan, alasan, bukti)
ON CONFLICT (program, periode, kunci) DO UPDATE
   SET usulan = EXCLUDED.usulan, alasan = EXCLUDED.alasan, bukti = EXCLUDED.bukti, kode_desa = EXCLUDED.kode_desa
RETURNING c.kunci, c.id, c.hasil, c.catatan, c.diperiksa_oleh, c.diperiksa_pada;
