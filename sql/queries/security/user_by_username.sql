SELECT id, username, nama, peran, kode_wilayah, password_hash FROM pengguna WHERE username = %(username)s AND aktif;
