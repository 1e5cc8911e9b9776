-- Upsert fas_siap into fasilitas by id_fasilitas within its kabupaten (kode_kab_registri: the same
-- id in another kabupaten is another facility). Returns (ditambah, diubah, tetap).
WITH changed AS (
    UPDATE fasilitas f
       SET jenis = s.jenis, nama = s.nama, kode_desa_deklarasi = s.kode_desa_deklarasi, kode_desa = s.kode_desa,
           kode_kab = s.kode_kab, kondisi = s.kondisi, kapasitas_kk = s.kapasitas_kk, geom = s.geom,
           impor_id = (SELECT id FROM impor_aktif), diubah_pada = now()
      FROM fas_siap s
     WHERE f.id_fasilitas = s.id_fasilitas AND f.kode_kab_registri = left(s.kode_desa_deklarasi, 5)
       AND ((f.jenis, f.nama, f.kode_desa_deklarasi, f.kode_desa, f.kondisi, f.kapasitas_kk)
            IS DISTINCT FROM (s.jenis, s.nama, s.kode_desa_deklarasi, s.kode_desa, s.kondisi, s.kapasitas_kk)
            OR NOT ST_Equals(f.geom, s.geom))
    RETURNING f.id
), added AS (
    INSERT INTO fasilitas (id_fasilitas, jenis, nama, kode_desa_deklarasi, kode_desa, kode_kab, kondisi,
                           kapasitas_kk, geom, impor_id)
    SELECT s.id_fasilitas, s.jenis, s.nama, s.kode_desa_deklarasi, s.kode_desa, s.kode_kab, s.kondisi,
           s.kapasitas_kk, s.geom, (SELECT id FROM impor_aktif)
      FROM fas_siap s
     WHERE NOT EXISTS (SELECT 1 FROM fasilitas f
                        WHERE f.id_fasilitas = s.id_fasilitas AND f.kode_kab_registri = left(s.kode_desa_deklarasi, 5))
    RETURNING id
)
SELECT (SELECT count(*) FROM added), (SELECT count(*) FROM changed),
       (SELECT count(*) FROM fas_siap) - (SELECT count(*) FROM added) - (SELECT count(*) FROM changed);
