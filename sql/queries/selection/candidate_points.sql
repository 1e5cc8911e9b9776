-- The candidates of a programme as points for the map (issue #19): only keys, position and whether
-- the programme selected them, selected ones last (drawn on top). `c` comes from
-- selection/eligibility, composed in.
{eligibility}
SELECT c.kode_prov, c.id, round(c.lon::numeric, 6)::float8 AS lon, round(c.lat::numeric, 6)::float8 AS lat, c.terpilih
FROM c
WHERE (c.terpilih OR cardinality(c.alasan) = 0) AND c.lon IS NOT NULL
ORDER BY c.terpilih, c.skor
