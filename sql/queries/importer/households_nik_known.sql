-- A NIK already held by another active household that this file does not re-import: nik_ganda.
-- Those households and their NIKs are found first, by a statement PostgreSQL may run in parallel
-- workers (an UPDATE never is); none in a full re-import.
CREATE TEMP TABLE imp_nik_lain ON COMMIT DROP AS
SELECT r.nik_kepala, min(r.id_keluarga) AS id_lain
  FROM rumah_tangga r
 WHERE r.aktif
   AND NOT EXISTS (SELECT 1 FROM imp_cek f  -- the same household: same id in its kabupaten, or same id and NIK
                    WHERE f.id_keluarga = r.id_keluarga
                      AND (left(f.kode_desa_deklarasi, 5) = r.kode_kab_registri OR f.nik_kepala = r.nik_kepala))
   AND EXISTS (SELECT 1 FROM imp_cek f WHERE f.nik_kepala = r.nik_kepala)
 GROUP BY r.nik_kepala;

UPDATE imp_cek c
   SET alasan = c.alasan || 'nik_ganda'::text,
       keterangan = c.keterangan || format('NIK %s sudah terdaftar pada kepala keluarga %s', c.nik_kepala, x.id_lain)
  FROM imp_nik_lain x
 WHERE c.nik_kepala = x.nik_kepala AND NOT 'nik_ganda' = ANY(c.alasan);
