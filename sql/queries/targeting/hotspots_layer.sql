-- Exclusion clusters of the current runs (the latest finished run of every kabupaten concerning the
-- user's region), for one programme and period, overlapping that region (aggregates only: counts
-- of eligible households and of those left out).
SELECT e.klaster_id, e.kode_kab, e.sasaran, e.salah_keluar, e.risiko_relatif, e.p_value, e.radius_m, e.desa,
       ARRAY(SELECT d.nama FROM unnest(e.desa) AS k(kode) JOIN desa d ON d.kode_desa = k.kode ORDER BY k.kode) AS nama_desa,
       ST_AsGeoJSON(e.geom, 6)::jsonb AS geometry
  FROM analisis_eksklusi e
 WHERE e.run_id IN (SELECT analisis_run_terkini('eksklusi', %(wilayah)s))
   AND e.program = %(program)s AND e.periode = %(periode)s
   AND geom_dalam_wilayah(e.geom, %(wilayah)s)
 ORDER BY e.llr DESC;
