-- Make sure the household table has a partition for a province (e.g. '18' = Lampung).
-- Rows of that province already waiting in the default partition are moved into it.
CREATE OR REPLACE FUNCTION sasaran_pastikan_partisi(p_kode_prov text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    nama text := 'rumah_tangga_p' || p_kode_prov;
    kolom text;  -- the stored columns (a generated column is computed again on insert)
BEGIN
    IF p_kode_prov !~ '^\d{2}$' THEN
        RAISE EXCEPTION 'kode provinsi tidak sah: %', p_kode_prov;
    END IF;
    IF to_regclass(nama) IS NOT NULL THEN
        RETURN;
    END IF;
    CREATE TEMP TABLE IF NOT EXISTS pindah_partisi (LIKE rumah_tangga) ON COMMIT DROP;
    WITH moved AS (DELETE FROM rumah_tangga_lain WHERE kode_prov = p_kode_prov RETURNING *)
    INSERT INTO pindah_partisi SELECT * FROM moved;
    EXECUTE format('CREATE TABLE %I PARTITION OF rumah_tangga FOR VALUES IN (%L)', nama, p_kode_prov);
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO kolom
      FROM pg_attribute WHERE attrelid = 'rumah_tangga'::regclass AND attnum > 0 AND NOT attisdropped
       AND attgenerated = '';
    EXECUTE format('INSERT INTO rumah_tangga (%s) SELECT %s FROM pindah_partisi', kolom, kolom);
    DROP TABLE pindah_partisi;
END
$$;
