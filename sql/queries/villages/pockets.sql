-- Pockets of the latest finished pocket run that hold households of one village (Profil Desa).
SELECT k.run_id, k.kantong_id, k.metode, k.rumah_tangga, k.rumah_tangga_miskin, k.persen_miskin, k.risiko_relatif,
       k.p_value, cardinality(k.desa) AS jumlah_desa
FROM analisis_kantong k
WHERE k.run_id = (SELECT id FROM analisis_run WHERE jenis = 'kantong' AND status = 'selesai' ORDER BY id DESC LIMIT 1)
  AND %(kode_desa)s = ANY (k.desa)
ORDER BY k.llr DESC NULLS LAST, k.rumah_tangga_miskin DESC, k.kantong_id
