-- A requested run of one kind for one kabupaten, queued until a worker starts it.
INSERT INTO analisis_run (jenis, parameter, kode_wilayah, kelompok, oleh, versi_data, status)
VALUES (%(jenis)s, %(parameter)s::jsonb, %(kode_wilayah)s, %(kelompok)s, %(oleh)s, %(versi_data)s, 'antri')
RETURNING id
