INSERT INTO analisis_celah_klaster (run_id, layanan, klaster_id, rumah_tangga, desa, geom)
SELECT %(run_id)s::bigint, %(layanan)s::text, klaster_id, n, desa, geom FROM _klaster;
