DELETE FROM login_gagal WHERE lower(username) = lower(%(username)s)
