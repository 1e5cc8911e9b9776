INSERT INTO login_gagal (username, alamat_ip) VALUES (lower(%(username)s), %(ip)s)
