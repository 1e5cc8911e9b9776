SELECT 1 FROM pengguna WHERE username = %(username)s
