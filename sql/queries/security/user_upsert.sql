-- Create a user or reset an existing one's name, password, role and region scope.
INSERT INTO pengguna (username, nama, password_hash, peran, kode_wilayah)
VALUES (%(username)s, %(nama)s, %(password_hash)s, %(peran)s, %(kode_wilayah)s)
ON CONFLICT (username) DO UPDATE
   SET nama = EXCLUDED.nama, password_hash = EXCLUDED.password_hash, peran = EXCLUDED.peran,
       kode_wilayah = EXCLUDED.kode_wilayah, aktif = true
RETURNING id;
