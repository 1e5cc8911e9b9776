-- Parsing helpers for imported text cells.

-- A number from text: accepts a decimal comma ('12,5') and thousands dots ('1.234,5'); NULL if not a number.
CREATE OR REPLACE FUNCTION sasaran_angka(t text) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    s text := btrim(coalesce(t, ''));
BEGIN
    IF s = '' THEN RETURN NULL; END IF;
    IF s ~ '^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$' THEN
        s := replace(replace(s, '.', ''), ',', '.');
    ELSIF s ~ '^[-+]?\d*,\d+$' THEN
        s := replace(s, ',', '.');
    END IF;
    IF s ~ '^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$' THEN
        RETURN s::double precision;
    END IF;
    RETURN NULL;
END
$$;

-- A boolean from text: 1/ya/y/true/benar/iya -> true; 0/tidak/t/false/salah/tdk -> false; else NULL.
CREATE OR REPLACE FUNCTION sasaran_boolean(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN lower(btrim(t)) IN ('1', 'ya', 'y', 'true', 'benar', 'iya') THEN true
        WHEN lower(btrim(t)) IN ('0', 'tidak', 't', 'false', 'salah', 'tdk') THEN false
    END
$$;

-- A Kemendagri village code in dotted form from '18.04.04.2002' or '1804042002'; NULL otherwise.
CREATE OR REPLACE FUNCTION sasaran_kode_desa(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN btrim(t) ~ '^\d{2}\.\d{2}\.\d{2}\.\d{4}$' THEN btrim(t)
        WHEN btrim(t) ~ '^\d{10}$' THEN regexp_replace(btrim(t), '^(\d{2})(\d{2})(\d{2})(\d{4})$', '\1.\2.\3.\4')
    END
$$;
