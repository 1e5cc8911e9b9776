-- Households aggregated to square grid cells (layer "agregat") for tile z/x/y: count and share of
-- desil 1-2 per cell. Cells are aligned to the tile (%(cell)s metres divides the tile width), so a
-- cell never straddles two tiles; cells with fewer than %(min_jumlah)s households are dropped.
WITH env AS (
    SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS e3857,
           ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s), 4326) AS e4326
), titik AS (
    SELECT ST_SnapToGrid(ST_Transform(rt.geom, 3857), ST_XMin(env.e3857) + %(cell)s / 2.0,
                         ST_YMin(env.e3857) + %(cell)s / 2.0, %(cell)s, %(cell)s) AS pusat,
           rt.desil
    FROM env
    JOIN rumah_tangga rt ON rt.geom && env.e4326
    WHERE rt.aktif AND rt.kualitas_lokasi <> 'lokasi_perkiraan'
), sel AS (
    SELECT pusat, count(*) AS jumlah, count(*) FILTER (WHERE desil <= 2) AS desil12
    FROM titik GROUP BY pusat HAVING count(*) >= %(min_jumlah)s
), mvt AS (
    SELECT sel.jumlah, sel.desil12, round(100.0 * sel.desil12 / sel.jumlah, 1)::float8 AS persen_desil12,
           ST_AsMVTGeom(ST_Expand(sel.pusat, %(cell)s / 2.0), env.e3857, 4096, 0, true) AS geom
    FROM sel CROSS JOIN env
)
SELECT ST_AsMVT(mvt, 'agregat', 4096, 'geom') FROM mvt WHERE geom IS NOT NULL;
