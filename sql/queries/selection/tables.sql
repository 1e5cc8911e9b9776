-- Which optional tables of other issues exist (skor_rtlh #4, kawasan_prioritas/lokus_desa #7).
SELECT to_regclass('kawasan_prioritas') IS NOT NULL AS kawasan,
       to_regclass('lokus_desa') IS NOT NULL AS lokus
