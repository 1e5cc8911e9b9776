-- Parsing helpers for imported text cells. Plain SQL functions so the planner inlines them
-- (set-based import of a million rows: no PL/pgSQL call per cell).

-- A number from text, NULL if not a number. A lone dot or a lone comma is the decimal separator
-- ('12.5', '12,5'); with both, the last one is ('1.234,5' = 1234.5, '1,234.5' = 1234.5).
CREATE OR REPLACE FUNCTION sasaran_angka(t text) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN t ~ '^\s*[-+]?\d+(\.\d+)?\s*$' THEN t::double precision
        WHEN t ~ '^\s*[-+]?\d*,\d+\s*$' THEN replace(t, ',', '.')::double precision
        WHEN t ~ '^\s*[-+]?\d{1,3}(\.\d{3})+(,\d+)?\s*$' THEN replace(replace(t, '.', ''), ',', '.')::double precision
        WHEN t ~ '^\s*[-+]?\d{1,3}(,\d{3})+(\.\d+)?\s*$' THEN replace(t, ',', '')::double precision
        WHEN t ~ '^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,2})?\s*$' THEN t::double precision
    END
$$;

-- A rupiah amount from text: "600000", "600.000" (dots group thousands: a rupiah amount has no
-- third decimal), "Rp 600.000", "Rp600.000,00", "Rp. 1.500.000,-"; else as sasaran_angka.
CREATE OR REPLACE FUNCTION sasaran_rupiah(t text) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN s ~ '^[-+]?\d{1,3}(\.\d{3})+(,\d{1,2})?$' THEN replace(replace(s, '.', ''), ',', '.')::double precision
                ELSE sasaran_angka(s) END
      FROM (SELECT regexp_replace(btrim(t), '^Rp\.?\s*|\s*,-$', '', 'gi') AS s) x
$$;

-- A boolean from text: 1/ya/y/true/benar/iya -> true; 0/tidak/t/false/salah/tdk -> false; else NULL.
CREATE OR REPLACE FUNCTION sasaran_boolean(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE t WHEN '0' THEN false WHEN '1' THEN true ELSE  -- the usual cells, without lower/btrim
        CASE lower(btrim(t))
        WHEN '1' THEN true WHEN 'ya' THEN true WHEN 'y' THEN true WHEN 'true' THEN true
        WHEN 'benar' THEN true WHEN 'iya' THEN true
        WHEN '0' THEN false WHEN 'tidak' THEN false WHEN 't' THEN false WHEN 'false' THEN false
        WHEN 'salah' THEN false WHEN 'tdk' THEN false
        END
    END
$$;

-- A floor area (m2) a house can have: above 0 and below 100,000 (imports, field corrections).
CREATE OR REPLACE FUNCTION sasaran_luas_wajar(luas double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT luas > 0 AND luas < 100000
$$;

-- A Kemendagri village code in dotted form from '18.04.04.2002' or '1804042002'; NULL otherwise.
-- (substr, not regexp_replace: this runs once per imported row)
CREATE OR REPLACE FUNCTION sasaran_kode_desa(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN t ~ '^\s*\d{2}\.\d{2}\.\d{2}\.\d{4}\s*$' THEN btrim(t)
        WHEN t ~ '^\s*\d{10}\s*$' THEN substr(btrim(t), 1, 2) || '.' || substr(btrim(t), 3, 2) || '.'
                                     || substr(btrim(t), 5, 2) || '.' || substr(btrim(t), 7, 4)
    END
$$;

-- Why a row's village is refused, or NULL when the boundaries know it: the one reason of every
-- importer (households, facilities, children, village counts, recipient lists).
CREATE OR REPLACE FUNCTION sasaran_alasan_desa(dikenal boolean, deklarasi text, teks text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN dikenal IS NOT FALSE THEN NULL
        WHEN deklarasi IS NULL
            THEN format('kode_desa %L bukan kode Kemendagri (contoh 18.04.04.2002 atau 1804042002)', coalesce(teks, ''))
        ELSE format('kode_desa %s tidak ada dalam batas desa yang dimuat', deklarasi)
    END
$$;

-- A code-list cell in canonical form: trimmed, lower case, NULL when empty. The code lists are
-- ASCII (spatial/codelists.py), so lower() under the C collation (ASCII letters only, no
-- wide-character round trip: a quarter cheaper per cell) gives every cell the same verdict; the
-- result takes the caller's collation again.
CREATE OR REPLACE FUNCTION sasaran_kode_daftar(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT nullif(lower(btrim(t) COLLATE "C"), '')
$$;

-- True when a point (latitude, longitude) lies in Indonesia's bounding box.
CREATE OR REPLACE FUNCTION sasaran_di_indonesia(lat double precision, lon double precision) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lat BETWEEN -11.5 AND 6.5 AND lon BETWEEN 94.5 AND 141.5
$$;

-- The valid value nearest to a wrong category value, for the rejects report: values that start
-- with the given text (or that it starts with) first, then the smallest Levenshtein distance.
CREATE OR REPLACE FUNCTION sasaran_saran(nilai text, daftar text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT v FROM unnest(daftar) v
     ORDER BY starts_with(v, lower(nilai)) OR starts_with(lower(nilai), v) DESC,
              levenshtein(left(lower(nilai), 255), v), v
     LIMIT 1
$$;
