-- Typed facility rows from imp_baris (see households_check.sql). Rejected (alasan): no id, an
-- unknown village, no usable point, no jenis (an unknown jenis is rejected by
-- importer/values_apply.sql), an id repeated within the file for the same kabupaten. Kept with the
-- attribute empty and a warning (peringatan): an unknown kondisi, a kapasitas that is no number.
CREATE UNLOGGED TABLE imp_cek AS
WITH p AS (
    SELECT m.urutan,
           nullif(btrim(m.id_fasilitas), '') AS id_fasilitas,
           (SELECT kode FROM imp_daftar WHERE kolom = 'jenis')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'jenis'), m.jenis)] AS jenis,
           nullif(btrim(m.jenis), '') AS jenis_teks,
           nullif(btrim(m.nama), '') AS nama,
           nullif(btrim(m.kode_desa), '') AS kode_desa_teks,
           sasaran_kode_desa(m.kode_desa) AS kode_desa_deklarasi,
           m.latitude AS lat, m.latitude_teks AS lat_teks, m.longitude AS lon, m.longitude_teks AS lon_teks,
           (SELECT kode FROM imp_daftar WHERE kolom = 'kondisi')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'kondisi'), m.kondisi)] AS kondisi,
           nullif(btrim(m.kondisi), '') AS kondisi_teks,
           m.kapasitas_kk AS kapasitas, m.kapasitas_kk_teks AS kapasitas_teks
      FROM imp_baris m
     WHERE btrim(concat(m.id_fasilitas, m.jenis, m.nama, m.kode_desa, m.latitude_teks, m.longitude_teks, m.kondisi)) <> ''
    OFFSET 0  -- a fence: parse each cell once (a flattened subquery would repeat the parsing per use)
), k AS (
    SELECT p.*,
           d.kode_desa IS NOT NULL AS desa_dikenal,
           p.jenis IS NULL AND p.jenis_teks IS NOT NULL OR p.kondisi IS NULL AND p.kondisi_teks IS NOT NULL AS nilai_lain,
           p.lat IS NOT NULL AND p.lon IS NOT NULL AS titik_ok,
           coalesce(p.kapasitas_teks IS NULL OR (p.kapasitas >= 0 AND p.kapasitas < 1e9 AND p.kapasitas = trunc(p.kapasitas)), false) AS kapasitas_ok,
           CASE WHEN p.id_fasilitas IS NOT NULL
                THEN row_number() OVER (PARTITION BY left(p.kode_desa_deklarasi, 5), p.id_fasilitas ORDER BY p.urutan) END AS ke_id
      FROM p LEFT JOIN desa d ON d.kode_desa = p.kode_desa_deklarasi
)
SELECT k.urutan, k.id_fasilitas, k.jenis, coalesce(k.nama, k.id_fasilitas) AS nama, k.kode_desa_deklarasi,
       k.lat, k.lon, k.desa_dikenal, k.nilai_lain, k.kondisi,
       CASE WHEN k.kapasitas_ok THEN k.kapasitas::integer END AS kapasitas_kk,
       array_remove(ARRAY[
           CASE WHEN k.id_fasilitas IS NULL THEN 'id_kosong' END,
           CASE WHEN NOT k.desa_dikenal THEN 'kode_desa_tidak_dikenal' END,
           CASE WHEN k.jenis_teks IS NULL THEN 'kategori_tidak_valid' END,
           CASE WHEN NOT k.titik_ok THEN 'koordinat_tidak_lengkap' END,
           CASE WHEN k.ke_id > 1 THEN 'id_ganda' END
       ], NULL) AS alasan,
       array_remove(ARRAY[CASE WHEN NOT k.kapasitas_ok THEN 'angka_tidak_valid' END], NULL) AS peringatan,
       array_remove(ARRAY[
           CASE WHEN k.id_fasilitas IS NULL THEN 'id_fasilitas kosong' END,
           sasaran_alasan_desa(k.desa_dikenal, k.kode_desa_deklarasi, k.kode_desa_teks),
           CASE WHEN k.jenis_teks IS NULL THEN 'jenis kosong' END,
           CASE WHEN NOT k.titik_ok
                THEN format('koordinat wajib untuk fasilitas (latitude %L, longitude %L)', coalesce(k.lat_teks, ''), coalesce(k.lon_teks, '')) END,
           CASE WHEN NOT k.kapasitas_ok THEN format('kapasitas_kk %L harus bilangan bulat 0 atau lebih; dikosongkan', k.kapasitas_teks) END,
           CASE WHEN k.ke_id > 1 THEN format('id_fasilitas %s ganda di kabupaten %s: kemunculan ke-%s dalam berkas',
                                             k.id_fasilitas, left(k.kode_desa_deklarasi, 5), k.ke_id) END
       ], NULL) AS keterangan
  FROM k;
ANALYZE imp_cek;
