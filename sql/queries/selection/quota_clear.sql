DELETE FROM program_kuota WHERE program_id = %(id)s
