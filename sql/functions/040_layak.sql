-- BPS definitions of safe drinking water (air minum layak) and improved sanitation (sanitasi
-- layak). The value lists are those of spatial/codelists.py (AIR_MINUM_LAYAK, FASILITAS_BAB_LAYAK,
-- JENIS_KLOSET_LAYAK, PEMBUANGAN_TINJA_LAYAK); tests/test_analysis_codelists.py checks every
-- code value against codelists.py, so the two cannot drift apart.
-- Unknown input (NULL) gives NULL: the household is neither counted as served nor as unserved.

CREATE OR REPLACE FUNCTION sasaran_air_layak(sumber_air_minum text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(trim(sumber_air_minum)) IN (
        'air kemasan', 'air isi ulang', 'ledeng', 'sumur bor/pompa', 'sumur terlindung',
        'mata air terlindung', 'air hujan')
$$;

CREATE OR REPLACE FUNCTION sasaran_sanitasi_layak(fasilitas_bab text, jenis_kloset text,
                                                  pembuangan_tinja text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN fasilitas_bab IS NULL THEN NULL
        WHEN lower(trim(fasilitas_bab)) NOT IN ('sendiri', 'bersama', 'mck komunal') THEN false
        WHEN jenis_kloset IS NULL OR pembuangan_tinja IS NULL THEN NULL
        ELSE lower(trim(jenis_kloset)) IN ('leher angsa')
             AND lower(trim(pembuangan_tinja)) IN ('tangki septik', 'ipal')
    END
$$;
