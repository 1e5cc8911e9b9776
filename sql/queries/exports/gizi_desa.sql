-- Layer gizi_desa: child growth per village, its latest month (gizi_desa_periode), never a child's
-- record: every count under the anonymity rule (SQL sasaran_terbit / sasaran_jumlah_terbit, k), a
-- percentage only from published counts; suppressed fields are null and listed in 'ditekan'.
WITH t AS (
    SELECT DISTINCT ON (kode_desa) * FROM gizi_desa_periode ORDER BY kode_desa, periode DESC
), p AS (
    SELECT t.kode_desa, t.periode, t.sumber, t.terakhir_ukur, d.nama, d.geom,
           t.diukur, t.stunting, t.sangat_pendek, t.wasting,
           sasaran_jumlah_terbit(t.diukur, %(k)s) AS diukur_t,
           sasaran_terbit(t.stunting, t.diukur, %(k)s) AS stunting_t,
           sasaran_terbit(t.sangat_pendek, t.diukur, %(k)s) AS sangat_pendek_t,
           sasaran_jumlah_terbit(t.dinilai_bbtb, %(k)s) AS dinilai_bbtb_t,
           sasaran_terbit(t.wasting, t.dinilai_bbtb, %(k)s) AS wasting_t
    FROM t JOIN desa d USING (kode_desa)
)
SELECT kode_desa AS fid, kode_desa, terakhir_ukur::timestamptz AS waktu, geom,
       jsonb_build_object('kode_desa', kode_desa, 'nama', nama, 'periode', to_char(periode, 'YYYY-MM'),
           'sumber', sumber, 'terakhir_ukur', terakhir_ukur, 'k', %(k)s::int, 'diukur', diukur_t,
           'stunting', stunting_t, 'sangat_pendek', sangat_pendek_t, 'dinilai_bbtb', dinilai_bbtb_t,
           'wasting', wasting_t, 'persen_stunting', round(100.0 * stunting_t / nullif(diukur_t, 0), 1),
           'persen_wasting', round(100.0 * wasting_t / nullif(dinilai_bbtb_t, 0), 1),
           'ditekan', concat_ws(',', CASE WHEN diukur_t IS NULL AND diukur IS NOT NULL THEN 'diukur' END,
                                CASE WHEN stunting_t IS NULL AND stunting IS NOT NULL THEN 'stunting' END,
                                CASE WHEN sangat_pendek_t IS NULL AND sangat_pendek IS NOT NULL THEN 'sangat_pendek' END,
                                CASE WHEN wasting_t IS NULL AND wasting IS NOT NULL THEN 'wasting' END)) AS props
FROM p
