-- Upkeep of the village indicator tables of migration 0095 (view indikator_desa reads them).
-- rumah_tangga: statement triggers with transition tables recompute the villages the changed rows
-- belong to (before and after the change), in the changing statement's transaction. skor_rtlh is
-- only ever replaced whole by a scores run: its trigger recomputes every village (0.5 s at 1M).
-- Re-applied by every migrate, which ends with a full recompute so that a changed definition
-- (sasaran_air_layak, sasaran_sanitasi_layak) is reflected at once.

-- Household counts of the villages p_desa (distinct codes). Their rows are created and locked
-- first, in code order: concurrent writers of one village queue instead of deadlocking, and the
-- count, a later statement with a fresh snapshot, then sees every write committed before it.
CREATE OR REPLACE FUNCTION indikator_desa_rt_hitung(p_desa text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(p_desa) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO indikator_desa_rt (kode_desa)
    SELECT k FROM unnest(p_desa) AS k ORDER BY k
    ON CONFLICT (kode_desa) DO NOTHING;
    PERFORM 1 FROM indikator_desa_rt WHERE kode_desa = ANY (p_desa) ORDER BY kode_desa FOR UPDATE;
    WITH g AS (  -- the few distinct answers per village first: the layak tests then run per answer, not per row
        SELECT kode_desa, sumber_air_minum, fasilitas_bab, jenis_kloset, pembuangan_tinja,
               desil <= 2 AS desil12, jumlah_balita > 0 AS ada_balita, count(*) AS n
        FROM rumah_tangga
        WHERE aktif AND kode_desa = ANY (p_desa)
        GROUP BY 1, 2, 3, 4, 5, 6, 7
    ), a AS (
        SELECT kode_desa,
               sum(n) AS rumah_tangga,
               sum(n) FILTER (WHERE desil12) AS desil12,
               sum(n) FILTER (WHERE sasaran_air_layak(sumber_air_minum) = false) AS tanpa_air_layak,
               sum(n) FILTER (WHERE sasaran_sanitasi_layak(fasilitas_bab, jenis_kloset,
                                                           pembuangan_tinja) = false) AS tanpa_sanitasi_layak,
               sum(n) FILTER (WHERE ada_balita AND (
                       sasaran_air_layak(sumber_air_minum) = false
                       OR sasaran_sanitasi_layak(fasilitas_bab, jenis_kloset, pembuangan_tinja) = false
                       OR desil12)) AS risiko_stunting
        FROM g
        GROUP BY kode_desa
    )
    UPDATE indikator_desa_rt j
       SET rumah_tangga = COALESCE(a.rumah_tangga, 0), desil12 = COALESCE(a.desil12, 0),
           tanpa_air_layak = COALESCE(a.tanpa_air_layak, 0),
           tanpa_sanitasi_layak = COALESCE(a.tanpa_sanitasi_layak, 0),
           risiko_stunting = COALESCE(a.risiko_stunting, 0)
      FROM unnest(p_desa) AS k (kode_desa) LEFT JOIN a USING (kode_desa)
     WHERE j.kode_desa = k.kode_desa;
END $$;

-- Every village: those with a row and those with households (first fill, TRUNCATE, migrate).
CREATE OR REPLACE FUNCTION indikator_desa_rt_hitung_semua() RETURNS void
LANGUAGE sql AS $$
    SELECT indikator_desa_rt_hitung(ARRAY(
        SELECT kode_desa FROM indikator_desa_rt
        UNION
        SELECT kode_desa FROM rumah_tangga WHERE kode_desa IS NOT NULL));
$$;

-- Trigger of rumah_tangga: the villages of the rows before (lama) and after (baru) the statement.
CREATE OR REPLACE FUNCTION indikator_desa_rt_ubah() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM indikator_desa_rt_hitung(ARRAY(SELECT DISTINCT kode_desa FROM baru WHERE kode_desa IS NOT NULL));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM indikator_desa_rt_hitung(ARRAY(SELECT kode_desa FROM lama WHERE kode_desa IS NOT NULL
                                               UNION SELECT kode_desa FROM baru WHERE kode_desa IS NOT NULL));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM indikator_desa_rt_hitung(ARRAY(SELECT DISTINCT kode_desa FROM lama WHERE kode_desa IS NOT NULL));
    ELSE
        PERFORM indikator_desa_rt_hitung_semua();
    END IF;
    RETURN NULL;
END $$;

-- RTLH backlog of every village from skor_rtlh. The table lock queues a concurrent recompute
-- (readers are not blocked); the count after it sees every committed scores run.
CREATE OR REPLACE FUNCTION indikator_desa_rtlh_hitung() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE indikator_desa_rtlh IN EXCLUSIVE MODE;
    DELETE FROM indikator_desa_rtlh;
    INSERT INTO indikator_desa_rtlh (kode_desa, rtlh, biaya_rtlh)
    SELECT kode_desa, count(*) FILTER (WHERE rtlh AND memenuhi_syarat), sum(biaya)
    FROM skor_rtlh
    WHERE kode_desa IS NOT NULL
    GROUP BY kode_desa;
END $$;

-- Trigger of skor_rtlh (a scores run deletes and inserts every row).
CREATE OR REPLACE FUNCTION indikator_desa_rtlh_ubah() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM indikator_desa_rtlh_hitung();
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER rumah_tangga_indikator_tambah AFTER INSERT ON rumah_tangga
    REFERENCING NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION indikator_desa_rt_ubah();
CREATE OR REPLACE TRIGGER rumah_tangga_indikator_ubah AFTER UPDATE ON rumah_tangga
    REFERENCING OLD TABLE AS lama NEW TABLE AS baru FOR EACH STATEMENT EXECUTE FUNCTION indikator_desa_rt_ubah();
CREATE OR REPLACE TRIGGER rumah_tangga_indikator_hapus AFTER DELETE ON rumah_tangga
    REFERENCING OLD TABLE AS lama FOR EACH STATEMENT EXECUTE FUNCTION indikator_desa_rt_ubah();
CREATE OR REPLACE TRIGGER rumah_tangga_indikator_kosong AFTER TRUNCATE ON rumah_tangga
    FOR EACH STATEMENT EXECUTE FUNCTION indikator_desa_rt_ubah();
CREATE OR REPLACE TRIGGER skor_rtlh_indikator AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON skor_rtlh
    FOR EACH STATEMENT EXECUTE FUNCTION indikator_desa_rtlh_ubah();


-- The village indicators every page reads: counts from the tables above, shares in per cent.
-- risiko_stunting = households with toddlers AND at least one of: no safe water, no improved
-- sanitation, desil 1-2. (A change of its columns needs a migration: OR REPLACE only adds.)
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

-- Every migrate ends with a full recompute. (A province's first bulk load writes a detached
-- partition, which no trigger sees: sasaran_partisi_pasang counts its villages on re-attach.)
SELECT indikator_desa_rt_hitung_semua();
SELECT indikator_desa_rtlh_hitung();
