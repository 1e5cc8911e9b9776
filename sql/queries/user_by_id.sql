SELECT id, username, nama, peran, kode_wilayah, password_hash FROM pengguna WHERE id = %(id)s AND aktif;
