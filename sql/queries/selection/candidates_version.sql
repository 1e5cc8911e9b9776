-- What the candidate list of a programme depends on besides the programme row itself: households
-- (tile_cache_versi moves with every change of rumah_tangga), scores (analysis runs), selections of
-- every programme (each change writes seleksi_riwayat), priority areas and lokus villages. Only
-- committed changes are seen, so a cached list is recomputed after each of them.
SELECT (SELECT versi FROM tile_cache_versi) AS rumah_tangga,
       (SELECT max(id) FROM analisis_run) AS analisis,
       (SELECT max(id) FROM seleksi_riwayat) AS seleksi,
       (SELECT max(id) FROM kawasan_prioritas_riwayat) AS kawasan,
       (SELECT count(*) || '/' || max(ditetapkan_pada) FROM lokus_desa) AS lokus
