-- Fallback village indicators straight from rumah_tangga while view indikator_desa (issue #4) is
-- missing: desil 1-2, safe water and improved sanitation with the BPS definitions passed in from
-- spatial.codelists; RTLH and stunting risk need #4's scoring and stay NULL.
WITH rt AS (
    SELECT kode_desa, count(*) AS rumah_tangga,
           count(*) FILTER (WHERE desil <= 2) AS desil12,
           count(*) FILTER (WHERE NOT (sumber_air_minum = ANY(%(air_layak)s))) AS tanpa_air_layak,
           count(*) FILTER (WHERE NOT (fasilitas_bab = ANY(%(bab_layak)s) AND jenis_kloset = ANY(%(kloset_layak)s)
                                     AND pembuangan_tinja = ANY(%(tinja_layak)s))) AS tanpa_sanitasi_layak
    FROM rumah_tangga WHERE aktif GROUP BY kode_desa
)
SELECT d.kode_desa, d.nama, d.kode_kec, k.nama AS nama_kec, COALESCE(rt.rumah_tangga, 0) AS rumah_tangga,
       rt.desil12, round(100.0 * rt.desil12 / NULLIF(rt.rumah_tangga, 0), 1) AS persen_desil12,
       NULL::bigint AS rtlh, NULL::numeric AS biaya_rtlh,
       rt.tanpa_air_layak, round(100.0 * rt.tanpa_air_layak / NULLIF(rt.rumah_tangga, 0), 1) AS persen_tanpa_air_layak,
       rt.tanpa_sanitasi_layak,
       round(100.0 * rt.tanpa_sanitasi_layak / NULLIF(rt.rumah_tangga, 0), 1) AS persen_tanpa_sanitasi_layak,
       NULL::bigint AS risiko_stunting, NULL::numeric AS persen_risiko_stunting
FROM desa d
JOIN kecamatan k USING (kode_kec)
LEFT JOIN rt USING (kode_desa)
ORDER BY d.kode_desa;
