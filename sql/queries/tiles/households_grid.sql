-- Households aggregated to grid cells (layer "agregat") for tile z/x/y: count and share of desil
-- 1-2 per cell, by the one anonymity rule (sasaran_sel_anonim, spatial/anonymity.py): cells of
-- level %(tingkat)s, never finer than the base level, counts of published base cells only. Above
-- zoom 16 the tile shows a piece of one base cell with that whole cell's counts. A share that is
-- suppressed is left out of the feature (the map draws the cell grey).
WITH env AS (
    SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS e
), mvt AS (
    SELECT s.jumlah, s.desil12,
           round(100.0 * s.desil12 / NULLIF(s.desil12_dari, 0), 1)::float8 AS persen_desil12,
           ST_AsMVTGeom(s.sel, env.e, 4096, 0, true) AS geom
    FROM env, sasaran_sel_anonim(%(tingkat)s::int, %(dasar)s::int, %(k)s::int,
                                         %(i0)s::bigint, %(i1)s::bigint, %(j0)s::bigint, %(j1)s::bigint) s
)
SELECT ST_AsMVT(mvt, 'agregat', 4096, 'geom') FROM mvt WHERE geom IS NOT NULL;
