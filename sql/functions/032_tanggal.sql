-- Dates and months from imported text cells (child growth files, issue #23); an impossible date
-- gives NULL, never an error.

-- The date y-m-d, or NULL when there is no such day (31 February, month 13, year out of range).
CREATE OR REPLACE FUNCTION sasaran_tanggal_dari(y integer, m integer, d integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN y BETWEEN 1900 AND 2100 AND m BETWEEN 1 AND 12 AND d >= 1 AND d <=
                     CASE WHEN m = 2 THEN CASE WHEN y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0) THEN 29 ELSE 28 END
                          WHEN m IN (4, 6, 9, 11) THEN 30 ELSE 31 END
                THEN make_date(y, m, d) END
$$;

-- A month number from its Indonesian or English name or abbreviation ('Agustus', 'agt', 'Aug').
CREATE OR REPLACE FUNCTION sasaran_bulan(t text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE left(lower(btrim(t)), 3)
        WHEN 'jan' THEN 1 WHEN 'feb' THEN 2 WHEN 'peb' THEN 2 WHEN 'mar' THEN 3 WHEN 'apr' THEN 4
        WHEN 'mei' THEN 5 WHEN 'may' THEN 5 WHEN 'jun' THEN 6 WHEN 'jul' THEN 7 WHEN 'agu' THEN 8
        WHEN 'agt' THEN 8 WHEN 'aug' THEN 8 WHEN 'sep' THEN 9 WHEN 'okt' THEN 10 WHEN 'oct' THEN 10
        WHEN 'nov' THEN 11 WHEN 'nop' THEN 11 WHEN 'des' THEN 12 WHEN 'dec' THEN 12 END
$$;

-- A date from a cell as registry files write it: 2026-08-15 (also with a time: XLSX dates),
-- 2026/08/15, 15/08/2026, 15-08-2026, 15.08.2026 (day first, as in Indonesia; month first only
-- when the first number cannot be a month: 08/15/2026), two-digit years as 20yy, 15 Agustus 2026,
-- or an Excel day number (45519 = 2024-08-15). NULL when it is none of these or no real day.
-- PL/pgSQL that stops at the first form that matches: a plain SQL body with all four patterns in a
-- FROM clause is not inlined and cost ~150 us a cell (two dates of 100,000 rows: ~20 s of a 28 s
-- import, bench/growth.py); this one 5-17 us.
CREATE OR REPLACE FUNCTION sasaran_tanggal(t text) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    s text := btrim(t);
    p text[];
    y integer;
BEGIN
    p := regexp_match(s, '^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.]*)?$');
    IF p IS NOT NULL THEN
        RETURN sasaran_tanggal_dari(p[1]::int, p[2]::int, p[3]::int);
    END IF;
    p := regexp_match(s, '^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$');
    IF p IS NOT NULL THEN
        y := CASE WHEN length(p[3]) = 2 THEN 2000 + p[3]::int ELSE p[3]::int END;
        IF p[2]::int > 12 AND p[1]::int <= 12 THEN
            RETURN sasaran_tanggal_dari(y, p[1]::int, p[2]::int);
        END IF;
        RETURN sasaran_tanggal_dari(y, p[2]::int, p[1]::int);
    END IF;
    p := regexp_match(s, '^(\d{1,2})[ -]+([A-Za-z]{3,9})[ -]+(\d{4})$');
    IF p IS NOT NULL THEN
        RETURN sasaran_tanggal_dari(p[3]::int, sasaran_bulan(p[2]), p[1]::int);
    END IF;
    p := regexp_match(s, '^(\d{5})(?:[.,]0+)?$');
    IF p IS NOT NULL AND p[1]::int BETWEEN 10000 AND 73050 THEN
        RETURN date '1899-12-30' + p[1]::int;
    END IF;
    RETURN NULL;
END
$$;

-- The first day of a month from a period cell: 2026-08, 2026/8, 08/2026, 202608, Agustus 2026,
-- Agu-2026, or any date sasaran_tanggal reads (its month). NULL otherwise.
CREATE OR REPLACE FUNCTION sasaran_periode(t text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN ym IS NOT NULL THEN sasaran_tanggal_dari(ym[1]::int, ym[2]::int, 1)
        WHEN my IS NOT NULL THEN sasaran_tanggal_dari(my[2]::int, my[1]::int, 1)
        WHEN nama IS NOT NULL THEN sasaran_tanggal_dari(nama[2]::int, sasaran_bulan(nama[1]), 1)
        ELSE date_trunc('month', sasaran_tanggal(t))::date
    END
    FROM (SELECT regexp_match(btrim(t), '^(\d{4})[-/.]?(\d{1,2})$') AS ym,
                 regexp_match(btrim(t), '^(\d{1,2})[-/.](\d{4})$') AS my,
                 regexp_match(btrim(t), '^([A-Za-z]{3,9})[ -]+(\d{4})$') AS nama) x
$$;
