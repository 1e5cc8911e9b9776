-- Region scope of a user (issue #8): true when wilayah is NULL (unscoped) or when kode is the
-- region itself or lies inside it (18.04.04.2002 is inside 18.04.04 and 18.04). Inlined by the
-- planner (LANGUAGE sql, IMMUTABLE), so it costs nothing on unscoped queries.
CREATE OR REPLACE FUNCTION dalam_wilayah(kode text, wilayah text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT wilayah IS NULL OR kode = wilayah OR starts_with(kode, wilayah || '.')
$$;

-- Region scope of a feature without a single village (pocket, grid cell, priority area, kecamatan):
-- true when wilayah is NULL or when the geometry overlaps a village of the region. A polygon must
-- overlap by at least 1% of its own area or of the village's, so a shared border or the slivers
-- where kecamatan and village outlines disagree do not count; a point must lie inside.
CREATE OR REPLACE FUNCTION geom_dalam_wilayah(g geometry, wilayah text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT wilayah IS NULL OR EXISTS (
        SELECT 1 FROM desa d
        WHERE dalam_wilayah(d.kode_desa, wilayah) AND ST_Intersects(d.geom, g) AND NOT ST_Touches(d.geom, g)
          AND (ST_Dimension(g) < 2
               OR ST_Area(ST_Intersection(d.geom, g)) >= 0.01 * LEAST(ST_Area(g), ST_Area(d.geom))))
$$;
