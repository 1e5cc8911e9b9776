-- A NIK already held by another active household that this file does not re-import: nik_ganda.
-- Those households are found first (an anti-join; none in a full re-import), then their NIKs.
UPDATE imp_cek c
   SET alasan = c.alasan || 'nik_ganda'::text,
       keterangan = c.keterangan || format('NIK %s sudah terdaftar pada kepala keluarga %s', c.nik_kepala, x.id_lain)
  FROM (SELECT r.nik_kepala, min(r.id_keluarga) AS id_lain
          FROM (SELECT r.nik_kepala, r.id_keluarga
                  FROM rumah_tangga r
                 WHERE r.aktif AND NOT EXISTS (SELECT 1 FROM imp_cek f WHERE f.id_keluarga = r.id_keluarga)
                OFFSET 0) r
         WHERE r.nik_kepala IN (SELECT nik_kepala FROM imp_cek)
         GROUP BY r.nik_kepala) x
 WHERE c.nik_kepala = x.nik_kepala AND NOT 'nik_ganda' = ANY(c.alasan);
