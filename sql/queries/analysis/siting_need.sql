-- Need per kabupaten and service, what a province total of sites is split by: the located
-- households unserved in the latest gaps run of each kabupaten, a poor one (desil 1-2) counting
-- bobot_miskin times, as in the covering model.
SELECT r.kode_wilayah AS kode_kab,
       COALESCE(sum(w.bobot) FILTER (WHERE NOT a.terlayani_air), 0) AS air,
       COALESCE(sum(w.bobot) FILTER (WHERE NOT a.terlayani_sanitasi), 0) AS sanitasi
FROM analisis_run r
JOIN analisis_akses a ON a.run_id = r.id
JOIN rumah_tangga h ON h.kode_prov = a.kode_prov AND h.id = a.rumah_tangga_id AND h.geom IS NOT NULL
CROSS JOIN LATERAL (SELECT CASE WHEN h.desil <= 2 THEN %(bobot_miskin)s::float8 ELSE 1.0 END AS bobot) w
WHERE r.id IN (SELECT analisis_run_terkini('celah')) AND r.kode_wilayah = ANY(%(kode_kab)s)
GROUP BY r.kode_wilayah
