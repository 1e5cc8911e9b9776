-- Households of one programme's scope with their eligibility for it, best score first (candidate
-- list, map, clicks, drawn areas, optimiser); `c` comes from selection_eligibility.sql, composed in.
-- hanya_kandidat: only eligible households and those already selected.
{eligibility}
SELECT c.*
FROM c
WHERE NOT %(hanya_kandidat)s OR c.terpilih OR cardinality(c.alasan) = 0
ORDER BY c.skor DESC, c.desil NULLS LAST, c.kode_prov, c.id
