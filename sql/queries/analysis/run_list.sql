-- Runs of the given kinds (and group, when given) newest first, with their kabupaten, real start,
-- finish and duration, row counts and who started them. Only runs that concern the user's region
-- (wilayah, NULL = everything); runs from before issue #18 (no kabupaten) only for unscoped users.
SELECT r.id, r.jenis, r.kode_wilayah, k.nama AS nama_kab, r.kelompok, r.parameter, r.status, r.ringkasan,
       r.baris, r.oleh,
       to_char(r.diminta AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS diminta,
       to_char(r.mulai AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS mulai,
       to_char(r.selesai AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS selesai,
       round(extract(epoch FROM r.selesai - r.mulai)::numeric, 2)::float AS durasi_s
FROM analisis_run r LEFT JOIN kabupaten k ON k.kode_kab = r.kode_wilayah
WHERE r.jenis = ANY(%(jenis)s) AND (%(kelompok)s::bigint IS NULL OR r.kelompok = %(kelompok)s)
  AND (%(id)s::bigint IS NULL OR r.id = %(id)s)
  AND analisis_wilayah_terkait(r.kode_wilayah, %(wilayah)s)
ORDER BY r.id DESC LIMIT %(limit)s
