-- Upsert the accepted rows of a recipient file by (programme, period, village, key), comparing
-- their cells by hash: a re-import of the same file changes nothing. The rows added or changed go
-- to temp table cocok_sasaran, to be matched (spatial/targeting/matching.py); a changed row loses
-- its earlier match and review. Returns (added, changed).
CREATE TEMP TABLE cocok_sasaran (id bigint PRIMARY KEY) ON COMMIT DROP;
WITH siap AS (
    SELECT c.program, c.periode, c.id_keluarga, c.nik_kepala, c.nama_kepala, c.kode_desa_deklarasi, c.alamat,
           c.nilai, c.kunci,
           md5(concat_ws('|', c.id_keluarga, c.nik_kepala, c.nama_kepala, c.kode_desa_deklarasi, c.alamat, c.nilai))
               AS hash_baris
      FROM imp_cek c
     WHERE cardinality(c.alasan) = 0
), simpan AS (
    INSERT INTO penerima_bantuan AS p (program, periode, id_keluarga, nik_kepala, nama_kepala, kode_desa_deklarasi,
                                       alamat, nilai, kunci, hash_baris, impor_id)
    SELECT s.*, (SELECT id FROM impor_aktif) FROM siap s
    ON CONFLICT (program, periode, kode_desa_deklarasi, kunci) DO UPDATE
       SET id_keluarga = EXCLUDED.id_keluarga, nik_kepala = EXCLUDED.nik_kepala, nama_kepala = EXCLUDED.nama_kepala,
           kode_desa_deklarasi = EXCLUDED.kode_desa_deklarasi, alamat = EXCLUDED.alamat, nilai = EXCLUDED.nilai,
           hash_baris = EXCLUDED.hash_baris, impor_id = EXCLUDED.impor_id, diubah_pada = now(),
           tinjau = NULL, tinjau_oleh = NULL, tinjau_pada = NULL
     WHERE p.hash_baris <> EXCLUDED.hash_baris
    RETURNING p.id, xmax = 0 AS baru
), antre AS (
    INSERT INTO cocok_sasaran SELECT id FROM simpan
)
SELECT count(*) FILTER (WHERE baru), count(*) FILTER (WHERE NOT baru) FROM simpan;
