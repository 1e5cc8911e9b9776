-- The kabupaten figure of every village indicator (view indikator_desa), the one rule behind the
-- map legend's and the village profile's "rata-rata kabupaten" and the province comparison:
-- for a percentage, the share of the kabupaten's households (not a mean of village shares); for
-- a count (rtlh), the mean per village. kode_kab: the kabupaten wanted (NULL = all).
SELECT d.kode_kab, kb.nama, count(*)::int AS desa, COALESCE(sum(i.rumah_tangga), 0)::bigint AS rumah_tangga,
       round(100.0 * sum(i.desil12) / NULLIF(sum(i.rumah_tangga), 0), 1) AS persen_desil12,
       round(avg(i.rtlh), 1) AS rtlh, COALESCE(sum(i.rtlh), 0)::bigint AS rtlh_jumlah,
       COALESCE(sum(i.biaya_rtlh), 0)::numeric AS biaya_rtlh,
       round(100.0 * sum(i.tanpa_air_layak) / NULLIF(sum(i.rumah_tangga), 0), 1) AS persen_tanpa_air_layak,
       round(100.0 * sum(i.tanpa_sanitasi_layak) / NULLIF(sum(i.rumah_tangga), 0), 1) AS persen_tanpa_sanitasi_layak,
       round(100.0 * sum(i.risiko_stunting) / NULLIF(sum(i.rumah_tangga), 0), 1) AS persen_risiko_stunting
FROM desa d
JOIN kabupaten kb ON kb.kode_kab = d.kode_kab
LEFT JOIN indikator_desa i USING (kode_desa)
WHERE %(kode_kab)s::text[] IS NULL OR d.kode_kab = ANY(%(kode_kab)s)
GROUP BY d.kode_kab, kb.nama
ORDER BY d.kode_kab
