-- Recent imports, newest first (optionally of one kind).
SELECT id, jenis, nama_file, sha256, oleh, mulai, selesai, status, jumlah, opsi, ukuran_byte
  FROM impor
 WHERE jenis IN ('rumah_tangga', 'fasilitas') AND (%(jenis)s::text IS NULL OR jenis = %(jenis)s)
 ORDER BY id DESC
 LIMIT %(batas)s;
