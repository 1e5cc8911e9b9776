-- What a drawn area holds for a programme, counted in SQL (area preview): one row per combination
-- of reasons (a few dozen however many households lie inside) with the households already
-- selected, the eligible ones, those of them without GPS, and the village of every eligible
-- household (for the quotas). `c` comes from selection_eligibility.sql (source: the area).
{eligibility}
SELECT c.alasan, count(*)::int AS n,
       count(*) FILTER (WHERE c.terpilih)::int AS terpilih,
       count(*) FILTER (WHERE c.memenuhi_syarat)::int AS memenuhi_syarat,
       count(*) FILTER (WHERE c.memenuhi_syarat AND c.lon IS NULL)::int AS tanpa_gps,
       COALESCE(array_agg(c.kode_desa) FILTER (WHERE c.memenuhi_syarat), '{{}}') AS desa
FROM c
GROUP BY c.alasan
