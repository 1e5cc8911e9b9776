-- Analysis runs per kabupaten (issue #18).
--
-- analisis_wilayah_terkait(kode_kab, wilayah): a run of kabupaten kode_kab concerns a user of
-- region wilayah (NULL = everything; a province, kabupaten or kecamatan code) when either region
-- lies inside the other: a province user sees the runs of its kabupaten, a kecamatan user the runs
-- of its own kabupaten (whose features are then filtered to the kecamatan).
CREATE OR REPLACE FUNCTION analisis_wilayah_terkait(kode_kab text, wilayah text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT wilayah IS NULL OR (kode_kab IS NOT NULL AND (dalam_wilayah(kode_kab, wilayah) OR dalam_wilayah(wilayah, kode_kab)))
$$;

-- The current result of an analysis: for every kabupaten, its latest finished run of that kind
-- (only the kabupaten that concern wilayah).
CREATE OR REPLACE FUNCTION analisis_run_terkini(p_jenis text, wilayah text DEFAULT NULL) RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT DISTINCT ON (r.kode_wilayah) r.id
    FROM analisis_run r
    WHERE r.jenis = p_jenis AND r.status = 'selesai' AND r.kode_wilayah IS NOT NULL
      AND analisis_wilayah_terkait(r.kode_wilayah, wilayah)
    ORDER BY r.kode_wilayah, r.id DESC
$$;

-- Villages of other kabupaten that come within jarak_m metres of kabupaten p_kode_kab: where the
-- households and facilities lie that an analysis of that kabupaten may read as border context.
-- Metres become degrees at 100 km per degree (a degree is 109-111 km in Indonesia), so the set is
-- never too small; callers check exact metres on what it returns.
CREATE OR REPLACE FUNCTION desa_dekat_kabupaten(p_kode_kab text, jarak_m float8) RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT b.kode_desa
    FROM desa b
    WHERE b.kode_kab <> p_kode_kab
      AND b.geom && (SELECT ST_Expand(k.geom, jarak_m / 100000.0) FROM kabupaten k WHERE k.kode_kab = p_kode_kab)
      AND EXISTS (SELECT 1 FROM desa_bagian p JOIN desa a USING (kode_desa)
                  WHERE a.kode_kab = p_kode_kab AND ST_DWithin(p.geom, b.geom, jarak_m / 100000.0))
$$;
