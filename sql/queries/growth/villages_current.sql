-- The village figures as of the month %(periode)s, one row per village of the region: its latest
-- month up to the period (gizi_desa_periode), the toddlers of the household registry, and data
-- lama when its last measurement lies more than %(bulan_lama)s months before the period's end.
-- Counts come raw and, beside them, as published under the anonymity rule (k = %(k)s; the
-- caller passes k = 0 for roles that may see children's records).
WITH terakhir AS (
    SELECT DISTINCT ON (g.kode_desa) g.*
      FROM gizi_desa_periode g
     WHERE g.periode <= %(periode)s AND dalam_wilayah(g.kode_desa, %(wilayah)s)
     ORDER BY g.kode_desa, g.periode DESC
), registri AS (
    SELECT kode_desa, sum(jumlah_balita)::bigint AS balita_registri
      FROM rumah_tangga
     WHERE aktif AND dalam_wilayah(kode_desa, %(wilayah)s)
     GROUP BY kode_desa
)
SELECT d.kode_desa, d.nama, d.kode_kec, k.nama AS kecamatan, d.kode_kab, t.periode, t.sumber,
       t.diukur, t.stunting, t.sangat_pendek, t.dinilai_bbtb, t.wasting,
       sasaran_jumlah_terbit(t.diukur, %(k)s) AS diukur_terbit,
       sasaran_terbit(t.stunting, t.diukur, %(k)s) AS stunting_terbit,
       sasaran_terbit(t.sangat_pendek, t.diukur, %(k)s) AS sangat_pendek_terbit,
       sasaran_jumlah_terbit(t.dinilai_bbtb, %(k)s) AS dinilai_bbtb_terbit,
       sasaran_terbit(t.wasting, t.dinilai_bbtb, %(k)s) AS wasting_terbit,
       t.ditandai, sasaran_jumlah_terbit(t.balita_posyandu, %(k)s) AS balita_posyandu,
       sasaran_jumlah_terbit(r.balita_registri, %(k)s) AS balita_registri,
       t.terakhir_ukur,
       t.terakhir_ukur < (%(periode)s::date + interval '1 month' - make_interval(months => %(bulan_lama)s)) AS data_lama,
       i.persen_desil12, i.persen_risiko_stunting
  FROM desa d
  JOIN kecamatan k USING (kode_kec)
  LEFT JOIN terakhir t USING (kode_desa)
  LEFT JOIN registri r USING (kode_desa)
  LEFT JOIN indikator_desa i USING (kode_desa)
 WHERE dalam_wilayah(d.kode_desa, %(wilayah)s)
 ORDER BY d.kode_desa;
