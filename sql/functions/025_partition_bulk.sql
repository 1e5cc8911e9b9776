-- A first load of a province fills its empty partition without index maintenance: the partition
-- is detached and its indexes dropped (sasaran_partisi_lepas), the rows are inserted, and
-- sasaran_partisi_pasang re-attaches it; ATTACH builds every index of rumah_tangga on it in one
-- pass each (a sorted build instead of a million single inserts into six indexes). All inside the
-- import's transaction: a failure or a kill leaves the partition as it was.

-- Detach the partition of a province when it exists and is empty; true when it was detached.
CREATE OR REPLACE FUNCTION sasaran_partisi_lepas(p_kode_prov text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    nama text := 'rumah_tangga_p' || p_kode_prov;
    berisi boolean;
    r record;
BEGIN
    IF p_kode_prov IS NULL OR p_kode_prov !~ '^\d{2}$' OR to_regclass(nama) IS NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', nama) INTO berisi;
    IF berisi THEN
        RETURN false;
    END IF;
    EXECUTE format('ALTER TABLE rumah_tangga DETACH PARTITION %I', nama);
    FOR r IN SELECT conname FROM pg_constraint WHERE conrelid = nama::regclass AND contype IN ('p', 'u') LOOP
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', nama, r.conname);
    END LOOP;
    FOR r IN SELECT indexrelid::regclass::text AS indeks FROM pg_index WHERE indrelid = nama::regclass LOOP
        EXECUTE format('DROP INDEX %s', r.indeks);
    END LOOP;
    RETURN true;
END
$$;

-- Re-attach the partition detached by sasaran_partisi_lepas (building the indexes of rumah_tangga),
-- then count its villages into the indicator tables: rows written to a detached partition fire no
-- trigger of rumah_tangga (sql/functions/050_indikator_desa.sql).
CREATE OR REPLACE FUNCTION sasaran_partisi_pasang(p_kode_prov text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE rumah_tangga ATTACH PARTITION %I FOR VALUES IN (%L)',
                   'rumah_tangga_p' || p_kode_prov, p_kode_prov);
    PERFORM indikator_desa_rt_hitung(ARRAY(SELECT kode_desa FROM desa WHERE kode_prov = p_kode_prov
                                           ORDER BY kode_desa));
END
$$;
