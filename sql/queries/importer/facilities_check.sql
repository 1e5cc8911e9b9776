-- Typed facility rows from imp_mentah with their reasons for rejection (see households_check.sql).
CREATE UNLOGGED TABLE imp_cek AS
WITH p AS (
    SELECT m.urutan,
           nullif(btrim(m.id_fasilitas), '') AS id_fasilitas,
           sasaran_kode_daftar(m.jenis) AS jenis,
           nullif(btrim(m.nama), '') AS nama,
           nullif(btrim(m.kode_desa), '') AS kode_desa_teks,
           sasaran_kode_desa(m.kode_desa) AS kode_desa_deklarasi,
           nullif(btrim(m.latitude), '') AS lat_teks, sasaran_angka(m.latitude) AS lat,
           nullif(btrim(m.longitude), '') AS lon_teks, sasaran_angka(m.longitude) AS lon,
           nullif(lower(regexp_replace(btrim(m.kondisi), '[\s_]+', ' ', 'g')), '') AS kondisi,
           nullif(btrim(m.kapasitas_kk), '') AS kapasitas_teks, sasaran_angka(m.kapasitas_kk) AS kapasitas
      FROM imp_mentah m
     WHERE btrim(concat(m.id_fasilitas, m.jenis, m.nama, m.kode_desa, m.latitude, m.longitude, m.kondisi)) <> ''
    OFFSET 0  -- a fence: parse each cell once (a flattened subquery would repeat the parsing per use)
), k AS (
    SELECT p.*,
           d.kode_desa IS NOT NULL AS desa_dikenal,
           coalesce(p.jenis = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'jenis')::text[]), false) AS jenis_ok,
           coalesce(p.kondisi = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'kondisi')::text[]), false) AS kondisi_ok,
           coalesce(p.lat IS NOT NULL AND p.lon IS NOT NULL
       AND (p.kapasitas_teks IS NULL OR (p.kapasitas >= 0 AND p.kapasitas < 1e9 AND p.kapasitas = trunc(p.kapasitas))), false) AS angka_ok,
           CASE WHEN p.id_fasilitas IS NOT NULL
                THEN row_number() OVER (PARTITION BY p.id_fasilitas ORDER BY p.urutan) END AS ke_id
      FROM p LEFT JOIN desa d ON d.kode_desa = p.kode_desa_deklarasi
)
SELECT k.urutan, k.id_fasilitas, k.jenis, coalesce(k.nama, k.id_fasilitas) AS nama, k.kode_desa_deklarasi,
       k.lat, k.lon, k.desa_dikenal, k.kondisi,
       CASE WHEN k.angka_ok THEN k.kapasitas::integer END AS kapasitas_kk,
       array_remove(ARRAY[
           CASE WHEN k.id_fasilitas IS NULL THEN 'id_kosong' END,
           CASE WHEN NOT k.desa_dikenal THEN 'kode_desa_tidak_dikenal' END,
           CASE WHEN NOT k.jenis_ok OR NOT k.kondisi_ok THEN 'kategori_tidak_valid' END,
           CASE WHEN NOT k.angka_ok THEN 'angka_tidak_valid' END,
           CASE WHEN k.ke_id > 1 THEN 'id_ganda' END
       ], NULL) AS alasan,
       array_remove(ARRAY[
           CASE WHEN k.id_fasilitas IS NULL THEN 'id_fasilitas kosong' END,
           CASE WHEN NOT k.desa_dikenal AND k.kode_desa_deklarasi IS NULL
                THEN format('kode_desa %L bukan kode Kemendagri (contoh 18.04.04.2002 atau 1804042002)', coalesce(k.kode_desa_teks, ''))
                WHEN NOT k.desa_dikenal THEN format('kode_desa %s tidak ada dalam batas desa yang dimuat', k.kode_desa_deklarasi) END,
           CASE WHEN NOT k.jenis_ok THEN format('jenis %L tidak ada dalam daftar; mungkin %L?', coalesce(k.jenis, ''),
                     sasaran_saran(coalesce(k.jenis, ''), (SELECT daftar FROM imp_daftar WHERE kolom = 'jenis'))) END,
           CASE WHEN NOT k.kondisi_ok THEN format('kondisi %L tidak ada dalam daftar; mungkin %L?', coalesce(k.kondisi, ''),
                     sasaran_saran(coalesce(k.kondisi, ''), (SELECT daftar FROM imp_daftar WHERE kolom = 'kondisi'))) END,
           CASE WHEN k.lat IS NULL OR k.lon IS NULL
                THEN format('koordinat wajib untuk fasilitas (latitude %L, longitude %L)', coalesce(k.lat_teks, ''), coalesce(k.lon_teks, '')) END,
           CASE WHEN k.kapasitas_teks IS NOT NULL AND NOT coalesce(k.kapasitas >= 0 AND k.kapasitas < 1e9 AND k.kapasitas = trunc(k.kapasitas), false)
                THEN format('kapasitas_kk %L harus bilangan bulat 0 atau lebih', k.kapasitas_teks) END,
           CASE WHEN k.ke_id > 1 THEN format('id_fasilitas %s ganda: kemunculan ke-%s dalam berkas', k.id_fasilitas, k.ke_id) END
       ], NULL) AS keterangan
  FROM k;
ANALYZE imp_cek;
