-- Region scope of a user (issue #8): true when wilayah is NULL (unscoped) or when kode is the
-- region itself or lies inside it (18.04.04.2002 is inside 18.04.04 and 18.04). Inlined by the
-- planner (LANGUAGE sql, IMMUTABLE), so it costs nothing on unscoped queries.
CREATE OR REPLACE FUNCTION dalam_wilayah(kode text, wilayah text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT wilayah IS NULL OR kode = wilayah OR starts_with(kode, wilayah || '.')
$$;
