-- Village indicators kept in tables instead of evaluated over every household on each request
-- (issues #5, #7, #9: the view took ~3 s at 1,000,000 households). indikator_desa_rt holds the
-- household counts of each village, indikator_desa_rtlh the RTLH backlog from skor_rtlh. Triggers
-- (sql/functions/050_indikator_desa.sql) recompute them in the statement that changes
-- rumah_tangga or skor_rtlh, so they are never staler than the data a reader sees. View
-- indikator_desa keeps its name, columns and values; it now reads these tables (defined, with the
-- triggers, in sql/functions/050_indikator_desa.sql, which this revision runs next).
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
