-- The rows of one import's rejects report (rejected and warned), in file order.
SELECT i.baris_judul, t.urutan, t.ditolak, t.alasan, t.keterangan, t.sel
  FROM impor i JOIN impor_tolak t ON t.impor_id = i.id
 WHERE i.id = %(impor_id)s
 ORDER BY t.urutan;
