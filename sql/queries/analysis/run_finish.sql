UPDATE analisis_run SET status = %(status)s, selesai = now(), ringkasan = %(ringkasan)s::jsonb WHERE id = %(id)s
