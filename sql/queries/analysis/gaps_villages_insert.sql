-- Villages ranked by gap: mean of the unserved percentages for water and sanitation, then by
-- the number of unserved households.
INSERT INTO analisis_celah_desa (run_id, kode_desa, rumah_tangga, tak_terlayani_air, persen_air,
                                 tak_terlayani_sanitasi, persen_sanitasi, skor_celah, peringkat)
WITH v AS (
    SELECT kode_desa, count(*)::int AS n,
           (count(*) FILTER (WHERE NOT terlayani_air))::int AS air,
           (count(*) FILTER (WHERE NOT terlayani_sanitasi))::int AS sanitasi
    FROM analisis_akses WHERE run_id = %(run_id)s AND kode_desa IS NOT NULL
    GROUP BY kode_desa
)
SELECT %(run_id)s::bigint, kode_desa, n, air, round(100.0 * air / n, 1), sanitasi, round(100.0 * sanitasi / n, 1),
       round(50.0 * (air + sanitasi) / n, 1),
       row_number() OVER (ORDER BY round(50.0 * (air + sanitasi) / n, 1) DESC, air + sanitasi DESC, kode_desa)
FROM v;
