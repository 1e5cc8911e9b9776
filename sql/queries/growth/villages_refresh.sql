-- Rebuild the village figures per month (gizi_desa_periode) from the child measurements and the
-- village counts; run by every growth import inside its transaction (and by the sample loader).
-- From measurements: each child once per month (its last measurement of the month, in the village
-- it was measured in); diukur/stunting from plausible length/height-for-age z-scores (a flagged
-- one counts nowhere), wasting from weight-for-length/height; balita_posyandu = children under
-- five at the month's end measured in the village in the 12 months up to it (the posyandu's
-- books). Village counts fill only the months a village has no measurements for.
DELETE FROM gizi_desa_periode;
INSERT INTO gizi_desa_periode (kode_desa, periode, sumber, diukur, stunting, sangat_pendek, dinilai_bbtb, wasting,
                               ditandai, balita_posyandu, terakhir_ukur)
WITH per_anak AS (
    SELECT DISTINCT ON (kode_kab_registri, id_anak, date_trunc('month', tanggal_ukur))
           kode_desa, date_trunc('month', tanggal_ukur)::date AS periode, tanggal_ukur, z_tbu, flag_tbu, kelas_tbu,
           z_bbtb, flag_bbtb, kelas_bbtb, flag_bbu
      FROM pengukuran_anak
     ORDER BY kode_kab_registri, id_anak, date_trunc('month', tanggal_ukur), tanggal_ukur DESC, id DESC
), bulan AS (
    SELECT kode_desa, periode,
           (count(*) FILTER (WHERE z_tbu IS NOT NULL AND NOT flag_tbu))::int AS diukur,
           (count(*) FILTER (WHERE kelas_tbu IN ('sangat_pendek', 'pendek')))::int AS stunting,
           (count(*) FILTER (WHERE kelas_tbu = 'sangat_pendek'))::int AS sangat_pendek,
           (count(*) FILTER (WHERE z_bbtb IS NOT NULL AND NOT flag_bbtb))::int AS dinilai_bbtb,
           (count(*) FILTER (WHERE kelas_bbtb IN ('gizi_buruk', 'gizi_kurang')))::int AS wasting,
           (count(*) FILTER (WHERE flag_tbu OR flag_bbtb OR flag_bbu))::int AS ditandai,
           max(tanggal_ukur) AS terakhir_ukur
      FROM per_anak
     GROUP BY kode_desa, periode
), buku AS (
    SELECT b.kode_desa, b.periode, count(DISTINCT (a.kode_kab_registri, a.id_anak))::int AS balita
      FROM bulan b
      JOIN pengukuran_anak a ON a.kode_desa = b.kode_desa
                            AND a.tanggal_ukur >= b.periode - interval '11 months'
                            AND a.tanggal_ukur < b.periode + interval '1 month'
                            AND a.tanggal_lahir > (b.periode + interval '1 month')::date - 1827
     GROUP BY b.kode_desa, b.periode
)
SELECT b.kode_desa, b.periode, 'pengukuran', b.diukur, b.stunting, b.sangat_pendek, b.dinilai_bbtb, b.wasting,
       b.ditandai, k.balita, b.terakhir_ukur
  FROM bulan b LEFT JOIN buku k USING (kode_desa, periode)
UNION ALL
SELECT g.kode_desa, g.periode, 'agregat', g.diukur, g.stunting, g.sangat_pendek,
       CASE WHEN g.wasting IS NOT NULL THEN g.diukur END, g.wasting, NULL, g.balita,
       (g.periode + interval '1 month' - interval '1 day')::date
  FROM gizi_agregat_desa g
 WHERE NOT EXISTS (SELECT 1 FROM pengukuran_anak a
                    WHERE a.kode_desa = g.kode_desa AND a.tanggal_ukur >= g.periode
                      AND a.tanggal_ukur < g.periode + interval '1 month');
