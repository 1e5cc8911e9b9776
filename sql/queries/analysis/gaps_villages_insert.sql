-- Villages ranked by gap: mean of the unserved percentages for water and sanitation, where an
-- unserved household that is a keluarga berisiko stunting (SQL sasaran_krs, issue #23) counts
-- bobot_krs times (1 = not weighted); then by the number of unserved households. The weight uses
-- those counts only as far as the anonymity rule publishes them (sasaran_terbit, k = %(k)s): the
-- score would otherwise give away how many unserved households have a stunted child.
INSERT INTO analisis_celah_desa (run_id, kode_desa, rumah_tangga, tak_terlayani_air, persen_air,
                                 tak_terlayani_sanitasi, persen_sanitasi, krs_tak_terlayani_air,
                                 krs_tak_terlayani_sanitasi, skor_celah, peringkat)
WITH krs AS (
    SELECT kode_prov, rumah_tangga_id FROM sasaran_krs(%(bulan_krs)s)
), v AS (
    SELECT a.kode_desa, count(*)::int AS n,
           (count(*) FILTER (WHERE NOT a.terlayani_air))::int AS air,
           (count(*) FILTER (WHERE NOT a.terlayani_sanitasi))::int AS sanitasi,
           count(*) FILTER (WHERE k.rumah_tangga_id IS NOT NULL AND NOT a.terlayani_air) AS krs_air,
           count(*) FILTER (WHERE k.rumah_tangga_id IS NOT NULL AND NOT a.terlayani_sanitasi) AS krs_sanitasi
    FROM analisis_akses a
    LEFT JOIN krs k ON k.kode_prov = a.kode_prov AND k.rumah_tangga_id = a.rumah_tangga_id
    WHERE a.run_id = %(run_id)s AND a.kode_desa IS NOT NULL
    GROUP BY a.kode_desa
), p AS (
    SELECT v.*, sasaran_terbit(krs_air, air, %(k)s)::int AS krs_air_terbit,
           sasaran_terbit(krs_sanitasi, sanitasi, %(k)s)::int AS krs_sanitasi_terbit
    FROM v
), s AS (
    SELECT p.*, round(50.0 * (air + sanitasi + (%(bobot_krs)s::numeric - 1)
                              * (coalesce(krs_air_terbit, 0) + coalesce(krs_sanitasi_terbit, 0))) / n, 1) AS skor
    FROM p
)
SELECT %(run_id)s::bigint, kode_desa, n, air, round(100.0 * air / n, 1), sanitasi, round(100.0 * sanitasi / n, 1),
       krs_air_terbit, krs_sanitasi_terbit, skor, row_number() OVER (ORDER BY skor DESC, air + sanitasi DESC, kode_desa)
FROM s;
