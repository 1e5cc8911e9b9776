-- What the current analyses found in each kabupaten concerning the user's region (wilayah, NULL =
-- everything) that holds households: pockets and the poor households in them, Gi* hot cells,
-- unserved households and clusters (gaps run summary), proposed sites, and when they last ran.
WITH kab AS (
    SELECT DISTINCT kode_kab FROM rumah_tangga
    WHERE aktif AND analisis_wilayah_terkait(kode_kab, %(wilayah)s)
), runs AS (
    SELECT r.id, r.jenis, r.kode_wilayah, r.ringkasan, r.selesai
    FROM analisis_run r
    WHERE r.id IN (SELECT analisis_run_terkini(j, %(wilayah)s) FROM unnest(%(jenis)s::text[]) j)
)
SELECT k.kode_kab,
       (SELECT count(*) FROM analisis_kantong a JOIN runs r ON r.id = a.run_id WHERE r.kode_wilayah = k.kode_kab)::int
           AS kantong,
       (SELECT COALESCE(sum(a.rumah_tangga_miskin), 0) FROM analisis_kantong a JOIN runs r ON r.id = a.run_id
        WHERE r.kode_wilayah = k.kode_kab)::int AS miskin_dalam_kantong,
       (SELECT count(*) FROM analisis_hotspot a JOIN runs r ON r.id = a.run_id
        WHERE r.kode_wilayah = k.kode_kab AND a.kelas = 'panas')::int AS sel_panas,
       (SELECT count(*) FROM analisis_lisa a JOIN runs r ON r.id = a.run_id
        WHERE r.kode_wilayah = k.kode_kab AND a.kelas = 'panas')::int AS desa_panas,
       c.rumah_tangga AS rumah_tangga_celah, c.air AS tak_terlayani_air, c.sanitasi AS tak_terlayani_sanitasi,
       round(100.0 * c.air / NULLIF(c.rumah_tangga, 0), 1) AS persen_tak_terlayani_air,
       round(100.0 * c.sanitasi / NULLIF(c.rumah_tangga, 0), 1) AS persen_tak_terlayani_sanitasi,
       c.klaster AS klaster_celah,
       (SELECT count(*) FROM analisis_lokasi a JOIN runs r ON r.id = a.run_id
        WHERE r.kode_wilayah = k.kode_kab AND a.terpilih)::int AS lokasi_usulan,
       (SELECT COALESCE(sum((r.ringkasan #>> ARRAY[s, 'cakupan'])::int), 0) FROM runs r, unnest(ARRAY['air', 'sanitasi']) s
        WHERE r.kode_wilayah = k.kode_kab AND r.jenis = 'lokasi')::int AS cakupan_lokasi,
       (SELECT to_char(max(r.selesai) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM runs r
        WHERE r.kode_wilayah = k.kode_kab) AS analisis_terakhir
FROM kab k
LEFT JOIN LATERAL (
    SELECT (r.ringkasan ->> 'rumah_tangga')::int AS rumah_tangga, (r.ringkasan ->> 'tak_terlayani_air')::int AS air,
           (r.ringkasan ->> 'tak_terlayani_sanitasi')::int AS sanitasi, (r.ringkasan ->> 'klaster')::int AS klaster
    FROM runs r WHERE r.kode_wilayah = k.kode_kab AND r.jenis = 'celah'
) c ON true
ORDER BY k.kode_kab
