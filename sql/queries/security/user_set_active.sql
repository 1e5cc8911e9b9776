UPDATE pengguna SET aktif = %(aktif)s WHERE id = %(id)s RETURNING username
