-- The runs a result layer shows: with run given, that run when it is a finished run of the kind
-- that concerns the user's region (else none); otherwise the current run of every kabupaten of
-- the region (wilayah, NULL = everything).
SELECT COALESCE(array_agg(id ORDER BY id), '{}') AS runs FROM (
    SELECT r.id FROM analisis_run r
    WHERE %(run)s::bigint IS NOT NULL AND r.id = %(run)s AND r.jenis = %(jenis)s AND r.status = 'selesai'
      AND analisis_wilayah_terkait(r.kode_wilayah, %(wilayah)s)
    UNION ALL
    SELECT analisis_run_terkini(%(jenis)s, %(wilayah)s) WHERE %(run)s::bigint IS NULL
) picked
