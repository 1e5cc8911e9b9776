SELECT count(*)::int AS rumah_tangga,
       (count(*) FILTER (WHERE NOT terlayani_air))::int AS tak_terlayani_air,
       (count(*) FILTER (WHERE NOT terlayani_sanitasi))::int AS tak_terlayani_sanitasi,
       (count(*) FILTER (WHERE terlayani_air IS NULL))::int AS data_tidak_lengkap_air,
       (count(*) FILTER (WHERE terlayani_sanitasi IS NULL))::int AS data_tidak_lengkap_sanitasi,
       (SELECT count(*) FROM analisis_celah_klaster WHERE run_id = %(run_id)s)::int AS klaster
FROM analisis_akses WHERE run_id = %(run_id)s
