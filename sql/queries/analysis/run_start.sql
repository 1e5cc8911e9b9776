INSERT INTO analisis_run (jenis, parameter, oleh) VALUES (%(jenis)s, %(parameter)s::jsonb, %(oleh)s) RETURNING id
