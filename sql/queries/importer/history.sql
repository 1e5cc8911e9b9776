-- Recent imports of the given kinds of file, newest first.
SELECT id, jenis, nama_file, sha256, oleh, mulai, selesai, status, jumlah, opsi, ukuran_byte
  FROM impor
 WHERE jenis = ANY(%(jenis)s)
 ORDER BY id DESC
 LIMIT %(batas)s;
