-- A run ends (selesai or gagal): clock time, so that mulai..selesai is the real duration even when
-- the whole computation ran in this one transaction.
UPDATE analisis_run
SET status = %(status)s, selesai = clock_timestamp(), mulai = COALESCE(mulai, clock_timestamp()),
    ringkasan = %(ringkasan)s::jsonb, baris = %(baris)s::jsonb
WHERE id = %(id)s
