-- The rejects report of one import: its header, then every rejected (or warned) row.
SELECT i.kolom_berkas, i.baris_judul, i.nama_file, t.urutan, t.ditolak, t.alasan, t.keterangan, t.sel
  FROM impor i JOIN impor_tolak t ON t.impor_id = i.id
 WHERE i.id = %(impor_id)s AND (t.ditolak OR NOT %(hanya_ditolak)s)
 ORDER BY t.urutan;
