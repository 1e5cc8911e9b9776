-- Typed child measurements from imp_baris (see importer/households_check.sql for the pattern).
-- Rejected (alasan): no id (neither id_anak nor a valid NIK), an unknown village, no sex, a date
-- that is no date, measured before birth or in the future, a child of 60 months or more, neither
-- weight nor length, the same child measured twice on one day in the file. Kept with a warning
-- (peringatan): a number that cannot be read or is impossible (emptied), a weight in grams or a
-- height in metres or millimetres (converted), a NIK that is not 16 digits (emptied).
-- An unknown position (cara_ukur) is emptied by the value step; an unknown sex rejects the row.
CREATE UNLOGGED TABLE imp_cek AS
WITH p AS (
    SELECT m.urutan,
           nullif(btrim(m.id_anak), '') AS id_teks,
           nullif(translate(m.nik_anak, ''' .', ''), '') AS nik_anak,
           nullif(btrim(m.nama_anak), '') AS nama_anak,
           (SELECT kode FROM imp_daftar WHERE kolom = 'jenis_kelamin')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'jenis_kelamin'), m.jenis_kelamin)] AS jenis_kelamin,
           nullif(btrim(m.jenis_kelamin), '') AS jenis_kelamin_teks,
           (SELECT kode FROM imp_daftar WHERE kolom = 'cara_ukur')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'cara_ukur'), m.cara_ukur)] AS cara_ukur,
           nullif(btrim(m.cara_ukur), '') AS cara_ukur_teks,
           nullif(btrim(m.tanggal_lahir), '') AS lahir_teks, sasaran_tanggal(m.tanggal_lahir) AS tanggal_lahir,
           nullif(btrim(m.tanggal_ukur), '') AS ukur_teks, sasaran_tanggal(m.tanggal_ukur) AS tanggal_ukur,
           m.berat_kg AS berat, m.berat_kg_teks AS berat_teks, m.tinggi_cm AS tinggi, m.tinggi_cm_teks AS tinggi_teks,
           nullif(btrim(m.kode_desa), '') AS kode_desa_teks, sasaran_kode_desa(m.kode_desa) AS kode_desa_deklarasi,
           nullif(btrim(m.posyandu), '') AS posyandu,
           nullif(translate(m.nik_ortu, ''' .', ''), '') AS nik_ortu,
           nullif(btrim(m.no_kk), '') AS no_kk  -- as the registry writes id_keluarga (the link, docs/stunting.md)
      FROM imp_baris m
     WHERE btrim(concat(m.id_anak, m.nik_anak, m.nama_anak, m.jenis_kelamin, m.tanggal_lahir, m.tanggal_ukur,
                        m.berat_kg_teks, m.tinggi_cm_teks, m.kode_desa)) <> ''
    OFFSET 0  -- a fence: parse each cell once
), u AS (  -- units: a weight over 250 is grams, a length under 3 metres, over 250 millimetres
    SELECT p.*,
           coalesce(length(p.nik_anak) = 16 AND p.nik_anak ~ '^[0-9]+$', false) AS nik_ok,
           coalesce(length(p.nik_ortu) = 16 AND p.nik_ortu ~ '^[0-9]+$', false) AS nik_ortu_ok,
           CASE WHEN p.berat > 250 THEN 'gram' END AS berat_satuan,
           CASE WHEN p.tinggi > 0 AND p.tinggi < 3 THEN 'meter' WHEN p.tinggi > 250 THEN 'milimeter' END AS tinggi_satuan,
           CASE WHEN p.berat > 250 THEN p.berat / 1000 ELSE p.berat END AS berat_kg,
           CASE WHEN p.tinggi > 0 AND p.tinggi < 3 THEN p.tinggi * 100 WHEN p.tinggi > 250 THEN p.tinggi / 10
                ELSE p.tinggi END AS tinggi_cm
      FROM p
), k AS (
    SELECT u.*,
           coalesce(u.id_teks, CASE WHEN u.nik_ok THEN u.nik_anak END) AS id_anak,
           d.kode_desa IS NOT NULL AS desa_dikenal,
           u.jenis_kelamin IS NULL AND u.jenis_kelamin_teks IS NOT NULL
               OR u.cara_ukur IS NULL AND u.cara_ukur_teks IS NOT NULL AS nilai_lain,
           coalesce(u.berat_kg > 0 AND u.berat_kg < 100, false) AS berat_ok,
           coalesce(u.tinggi_cm >= 30 AND u.tinggi_cm <= 150, false) AS tinggi_ok,
           u.tanggal_ukur - u.tanggal_lahir AS umur_hari
      FROM u LEFT JOIN desa d ON d.kode_desa = u.kode_desa_deklarasi
), g AS (
    SELECT k.*,
           CASE WHEN k.id_anak IS NOT NULL AND k.tanggal_ukur IS NOT NULL
                THEN row_number() OVER (PARTITION BY left(k.kode_desa_deklarasi, 5), k.id_anak, k.tanggal_ukur
                                        ORDER BY k.urutan) END AS ke
      FROM k
)
SELECT g.urutan, g.id_anak, CASE WHEN g.nik_ok THEN g.nik_anak END AS nik_anak, g.nama_anak, g.jenis_kelamin,
       g.tanggal_lahir, g.tanggal_ukur, g.umur_hari,
       CASE WHEN g.berat_ok THEN round(g.berat_kg::numeric, 2) END AS berat_kg,
       CASE WHEN g.tinggi_ok THEN round(g.tinggi_cm::numeric, 1) END AS tinggi_cm,
       g.cara_ukur, g.kode_desa_deklarasi, g.desa_dikenal, g.posyandu,
       CASE WHEN g.nik_ortu_ok THEN g.nik_ortu END AS nik_ortu, g.no_kk,
       g.nilai_lain,
       array_remove(ARRAY[
           CASE WHEN g.id_anak IS NULL THEN 'id_kosong' END,
           CASE WHEN NOT g.desa_dikenal THEN 'kode_desa_tidak_dikenal' END,
           CASE WHEN g.jenis_kelamin_teks IS NULL THEN 'kategori_tidak_valid' END,
           CASE WHEN g.tanggal_lahir IS NULL OR g.tanggal_ukur IS NULL THEN 'tanggal_tidak_valid' END,
           CASE WHEN g.umur_hari < 0 THEN 'diukur_sebelum_lahir' END,
           CASE WHEN g.tanggal_ukur > current_date THEN 'tanggal_di_masa_depan' END,
           CASE WHEN g.umur_hari > 1826 THEN 'bukan_balita' END,
           CASE WHEN NOT g.berat_ok AND NOT g.tinggi_ok THEN 'ukuran_kosong' END,
           CASE WHEN g.ke > 1 THEN 'id_ganda' END
       ], NULL) AS alasan,
       array_remove(ARRAY[
           CASE WHEN g.berat_teks IS NOT NULL AND NOT g.berat_ok OR g.tinggi_teks IS NOT NULL AND NOT g.tinggi_ok
                THEN 'angka_tidak_valid' END,
           CASE WHEN g.berat_ok AND g.berat_satuan IS NOT NULL THEN 'berat_dalam_gram' END,
           CASE WHEN g.tinggi_ok AND g.tinggi_satuan IS NOT NULL THEN 'tinggi_bukan_cm' END,
           CASE WHEN g.nik_anak IS NOT NULL AND NOT g.nik_ok OR g.nik_ortu IS NOT NULL AND NOT g.nik_ortu_ok
                THEN 'nik_tidak_valid' END
       ], NULL) AS peringatan,
       array_remove(ARRAY[
           CASE WHEN g.id_anak IS NULL THEN 'id_anak kosong dan nik_anak bukan NIK 16 digit' END,
           sasaran_alasan_desa(g.desa_dikenal, g.kode_desa_deklarasi, g.kode_desa_teks),
           CASE WHEN g.jenis_kelamin_teks IS NULL THEN 'jenis_kelamin kosong (L atau P)' END,
           CASE WHEN g.tanggal_lahir IS NULL
                THEN format('tanggal_lahir %L bukan tanggal (contoh 2024-03-15 atau 15/03/2024)', coalesce(g.lahir_teks, '')) END,
           CASE WHEN g.tanggal_ukur IS NULL
                THEN format('tanggal_ukur %L bukan tanggal (contoh 2026-08-15 atau 15/08/2026)', coalesce(g.ukur_teks, '')) END,
           CASE WHEN g.umur_hari < 0 THEN format('tanggal_ukur %s sebelum tanggal_lahir %s', g.tanggal_ukur, g.tanggal_lahir) END,
           CASE WHEN g.tanggal_ukur > current_date THEN format('tanggal_ukur %s belum terjadi', g.tanggal_ukur) END,
           CASE WHEN g.umur_hari > 1826
                THEN format('umur %s bulan saat diukur: 60 bulan atau lebih, bukan balita', floor(g.umur_hari / 30.4375)) END,
           CASE WHEN NOT g.berat_ok AND NOT g.tinggi_ok THEN 'berat_kg dan tinggi_cm kosong atau tidak terbaca' END,
           CASE WHEN g.ke > 1 THEN format('anak %s diukur dua kali pada %s dalam berkas: kemunculan ke-%s', g.id_anak, g.tanggal_ukur, g.ke) END,
           CASE WHEN g.berat_teks IS NOT NULL AND NOT g.berat_ok
                THEN format('berat_kg %L bukan berat badan balita; dikosongkan', g.berat_teks) END,
           CASE WHEN g.tinggi_teks IS NOT NULL AND NOT g.tinggi_ok
                THEN format('tinggi_cm %L bukan panjang/tinggi badan balita; dikosongkan', g.tinggi_teks) END,
           CASE WHEN g.berat_ok AND g.berat_satuan IS NOT NULL
                THEN format('berat %L dibaca sebagai gram: %s kg', g.berat_teks, round(g.berat_kg::numeric, 2)) END,
           CASE WHEN g.tinggi_ok AND g.tinggi_satuan IS NOT NULL
                THEN format('tinggi %L dibaca sebagai %s: %s cm', g.tinggi_teks, g.tinggi_satuan, round(g.tinggi_cm::numeric, 1)) END,
           CASE WHEN g.nik_anak IS NOT NULL AND NOT g.nik_ok THEN format('nik_anak %L bukan NIK 16 digit; dikosongkan', g.nik_anak) END,
           CASE WHEN g.nik_ortu IS NOT NULL AND NOT g.nik_ortu_ok THEN format('nik_ortu %L bukan NIK 16 digit; dikosongkan', g.nik_ortu) END
       ], NULL) AS keterangan
  FROM g;
ANALYZE imp_cek;
