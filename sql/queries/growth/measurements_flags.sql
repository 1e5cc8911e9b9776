-- Warnings for the z-scores WHO calls implausible (kept, flagged, left out of prevalences) and for
-- a standing measurement below 9 months (treated as position unknown).
ANALYZE imp_z;
UPDATE imp_cek c
   SET peringatan = c.peringatan
           || CASE WHEN z.flag_tbu OR z.flag_bbu OR z.flag_bbtb THEN ARRAY['z_tidak_wajar'] ELSE '{}' END
           || CASE WHEN z.posisi_tidak_wajar THEN ARRAY['posisi_tidak_wajar'] ELSE '{}' END,
       keterangan = c.keterangan || array_remove(ARRAY[
           CASE WHEN z.flag_tbu THEN format('z TB/U %s di luar batas WHO (-6 sampai +6): tidak dihitung dalam prevalensi', z.z_tbu) END,
           CASE WHEN z.flag_bbu THEN format('z BB/U %s di luar batas WHO (-6 sampai +5): tidak dihitung dalam prevalensi', z.z_bbu) END,
           CASE WHEN z.flag_bbtb THEN format('z BB/TB %s di luar batas WHO (-5 sampai +5): tidak dihitung dalam prevalensi', z.z_bbtb) END,
           CASE WHEN z.posisi_tidak_wajar THEN 'diukur berdiri sebelum umur 9 bulan: posisi dianggap tidak diketahui (tanpa koreksi 0,7 cm)' END
       ], NULL)
  FROM imp_z z
 WHERE z.urutan = c.urutan AND (z.flag_tbu OR z.flag_bbu OR z.flag_bbtb OR z.posisi_tidak_wajar);
