-- A running job is still alive.
UPDATE tugas SET detak_pada = now() WHERE id = %(id)s AND status = 'berjalan'
