SELECT p.id, p.username, p.nama, p.peran, p.kode_wilayah, p.aktif, p.dibuat_pada,
       (SELECT max(a.waktu) FROM audit_log a WHERE a.pengguna = p.username AND a.aksi = 'login') AS login_terakhir
FROM pengguna p
ORDER BY p.aktif DESC, p.peran, p.username
