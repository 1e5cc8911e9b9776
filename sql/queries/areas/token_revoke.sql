UPDATE token_instansi SET dicabut_pada = now() WHERE id = %(id)s AND dicabut_pada IS NULL RETURNING id
