-- The one anonymity rule for household aggregates (issue #16; spatial/anonymity.py holds k and
-- the levels and explains them). Every aggregate of household points that leaves the server for
-- a role without personal-data rights -- vector tile cells, the agency grid -- comes from here:
--
-- 1. Base cells: the square grid of Web Mercator level `dasar` (16: 40,075,017 m / 2^16 = 611.5 m
--    on the map, at least 600 m on the ground anywhere in Indonesia).
-- 2. A base cell with fewer than k households is dropped; a count inside a kept cell (desil 1-2,
--    no safe water, ...) is published only when it and its complement are both at least k.
-- 3. A cell of a coarser level `tingkat` (level L has cells of 40,075,017 / 2^L m, nested, the
--    same everywhere) is the SUM OF THE PUBLISHED BASE CELLS inside it: its counts only ever add
--    numbers that are published themselves, so subtracting two answers (two levels, two areas,
--    two values of k) reveals nothing that is not published already. `<count>_dari` is the number
--    of households over which <count> was summed (its denominator for a share).
--
-- Cells are numbered from the top-left corner of the Web Mercator world (i to the east, j to the
-- south, like map tiles); i0..i1, j0..j1 (base-cell numbers, NULL = everywhere) limit the work to
-- an area (spatial.anonymity.tile_box). An inline SQL function: unused columns are not computed.
CREATE OR REPLACE FUNCTION sasaran_sel_anonim(tingkat integer, dasar integer, k integer,
                                              i0 bigint, i1 bigint, j0 bigint, j1 bigint)
RETURNS TABLE (i bigint, j bigint, sel geometry, jumlah bigint,
               desil12 bigint, desil12_dari bigint, desil1 bigint, desil1_dari bigint,
               tanpa_air_layak bigint, tanpa_air_layak_dari bigint,
               tanpa_sanitasi_layak bigint, tanpa_sanitasi_layak_dari bigint,
               dengan_balita bigint, dengan_balita_dari bigint)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT ci, cj,
           ST_MakeEnvelope(ci * u.c - u.h, u.h - (cj + 1) * u.c, (ci + 1) * u.c - u.h, u.h - cj * u.c, 3857),
           sum(n)::bigint,
           sum(d12)::bigint, (sum(n) FILTER (WHERE d12 IS NOT NULL))::bigint,
           sum(d1)::bigint, (sum(n) FILTER (WHERE d1 IS NOT NULL))::bigint,
           sum(air)::bigint, (sum(n) FILTER (WHERE air IS NOT NULL))::bigint,
           sum(san)::bigint, (sum(n) FILTER (WHERE san IS NOT NULL))::bigint,
           sum(balita)::bigint, (sum(n) FILTER (WHERE balita IS NOT NULL))::bigint
    FROM (SELECT 40075016.68557849 / 2 ^ tingkat AS c, 20037508.342789244 AS h) u,
    LATERAL (  -- published base cells, numbered by the cell of the level that holds them
        SELECT bi >> (dasar - tingkat) AS ci, bj >> (dasar - tingkat) AS cj, n,
               CASE WHEN d12 >= k AND n - d12 >= k THEN d12 END AS d12,
               CASE WHEN d1 >= k AND n - d1 >= k THEN d1 END AS d1,
               CASE WHEN air >= k AND n - air >= k THEN air END AS air,
               CASE WHEN san >= k AND n - san >= k THEN san END AS san,
               CASE WHEN balita >= k AND n - balita >= k THEN balita END AS balita
        FROM (
            SELECT floor((t.mx + u.h) / (2 * u.h / 2 ^ dasar))::bigint AS bi,
                   floor((u.h - t.my) / (2 * u.h / 2 ^ dasar))::bigint AS bj,
                   count(*) AS n,
                   count(*) FILTER (WHERE t.desil <= 2) AS d12,
                   count(*) FILTER (WHERE t.desil = 1) AS d1,
                   count(*) FILTER (WHERE sasaran_air_layak(t.sumber_air_minum) = false) AS air,
                   count(*) FILTER (WHERE sasaran_sanitasi_layak(t.fasilitas_bab, t.jenis_kloset, t.pembuangan_tinja)
                                          = false) AS san,
                   count(*) FILTER (WHERE t.jumlah_balita > 0) AS balita
            FROM (
                -- EPSG:3857 (spherical Mercator) by its formula: no PROJ set-up in parallel workers
                SELECT 6378137 * radians(ST_X(rt.geom)) AS mx,
                       6378137 * ln(tan(pi() / 4 + radians(ST_Y(rt.geom)) / 2)) AS my, rt.desil, rt.sumber_air_minum, rt.fasilitas_bab,
                       rt.jenis_kloset, rt.pembuangan_tinja, rt.jumlah_balita
                FROM rumah_tangga rt
                WHERE rt.aktif AND rt.geom IS NOT NULL
                  AND (i0 IS NULL OR rt.geom && ST_Transform(ST_MakeEnvelope(
                        i0 * (2 * u.h / 2 ^ dasar) - u.h, u.h - (j1 + 1) * (2 * u.h / 2 ^ dasar),
                        (i1 + 1) * (2 * u.h / 2 ^ dasar) - u.h, u.h - j0 * (2 * u.h / 2 ^ dasar), 3857), 4326))
            ) t
            GROUP BY 1, 2
            HAVING count(*) >= k
        ) b
        WHERE i0 IS NULL OR (bi BETWEEN i0 AND i1 AND bj BETWEEN j0 AND j1)
    ) terbit
    GROUP BY ci, cj, u.c, u.h
$$;
