-- One programme with its totals: live units (status other than ditolak) and their cost.
SELECT p.*, COALESCE(t.unit, 0)::int AS unit, COALESCE(t.unit, 0) * p.biaya_satuan AS biaya,
       p.anggaran - COALESCE(t.unit, 0) * p.biaya_satuan AS sisa,
       COALESCE(t.per_status, '{}'::jsonb) AS per_status
FROM program p
LEFT JOIN LATERAL (
    SELECT sum(n) FILTER (WHERE status <> 'ditolak') AS unit,
           jsonb_object_agg(status, n) AS per_status
    FROM (SELECT status, count(*) AS n FROM seleksi WHERE program_id = p.id GROUP BY status) x
) t ON true
WHERE p.id = %(id)s
