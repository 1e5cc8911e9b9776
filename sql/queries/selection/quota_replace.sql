-- Insert the quotas of a programme (after selection_quota_clear.sql); only known village,
-- kecamatan or kabupaten codes are kept, the rest is returned by the caller as unknown.
INSERT INTO program_kuota (program_id, kode_wilayah, kuota)
SELECT %(id)s, q.kode, q.kuota
FROM unnest(%(kode)s::text[], %(kuota)s::int[]) AS q(kode, kuota)
WHERE EXISTS (SELECT 1 FROM desa WHERE kode_desa = q.kode) OR EXISTS (SELECT 1 FROM kecamatan WHERE kode_kec = q.kode)
   OR EXISTS (SELECT 1 FROM kabupaten WHERE kode_kab = q.kode)
RETURNING kode_wilayah
