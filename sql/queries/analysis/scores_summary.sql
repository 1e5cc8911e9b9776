SELECT count(*)::int AS rumah_tangga, (count(*) FILTER (WHERE rtlh))::int AS rtlh,
       (count(*) FILTER (WHERE memenuhi_syarat))::int AS memenuhi_syarat,
       COALESCE(sum(biaya), 0)::bigint AS biaya, round(avg(skor), 2)::float AS skor_rata2
FROM skor_rtlh WHERE run_id = %(run_id)s
