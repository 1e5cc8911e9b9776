-- Village indicators kept in tables instead of evaluated over every household on each request
-- (issues #5, #7, #9: the view took ~3 s at 1,000,000 households). indikator_desa_rt holds the
-- household counts of each village, indikator_desa_rtlh the RTLH backlog from skor_rtlh. Triggers
-- (sql/functions/050_indikator_desa.sql) recompute them in the statement that changes
-- rumah_tangga or skor_rtlh, so they are never staler than the data a reader sees. View
-- indikator_desa keeps its name, columns and values; it now reads these tables.
CREATE TABLE indikator_desa_rt (
    kode_desa               text PRIMARY KEY,
    rumah_tangga            bigint NOT NULL DEFAULT 0,   -- active households
    desil12                 bigint NOT NULL DEFAULT 0,
    tanpa_air_layak         bigint NOT NULL DEFAULT 0,
    tanpa_sanitasi_layak    bigint NOT NULL DEFAULT 0,
    risiko_stunting         bigint NOT NULL DEFAULT 0
);

CREATE TABLE indikator_desa_rtlh (
    kode_desa               text PRIMARY KEY,
    rtlh                    bigint NOT NULL,             -- rtlh AND memenuhi_syarat
    biaya_rtlh              numeric NOT NULL
);

CREATE OR REPLACE VIEW indikator_desa AS
SELECT d.kode_desa,
       COALESCE(rt.rumah_tangga, 0)::bigint AS rumah_tangga,
       COALESCE(rt.desil12, 0)::bigint AS desil12,
       round(100.0 * rt.desil12 / NULLIF(rt.rumah_tangga, 0), 1) AS persen_desil12,
       COALESCE(sk.rtlh, 0)::bigint AS rtlh,
       COALESCE(sk.biaya_rtlh, 0)::numeric AS biaya_rtlh,
       COALESCE(rt.tanpa_air_layak, 0)::bigint AS tanpa_air_layak,
       round(100.0 * rt.tanpa_air_layak / NULLIF(rt.rumah_tangga, 0), 1) AS persen_tanpa_air_layak,
       COALESCE(rt.tanpa_sanitasi_layak, 0)::bigint AS tanpa_sanitasi_layak,
       round(100.0 * rt.tanpa_sanitasi_layak / NULLIF(rt.rumah_tangga, 0), 1) AS persen_tanpa_sanitasi_layak,
       COALESCE(rt.risiko_stunting, 0)::bigint AS risiko_stunting,
       round(100.0 * rt.risiko_stunting / NULLIF(rt.rumah_tangga, 0), 1) AS persen_risiko_stunting
FROM desa d
LEFT JOIN indikator_desa_rt rt USING (kode_desa)
LEFT JOIN indikator_desa_rtlh sk USING (kode_desa);
