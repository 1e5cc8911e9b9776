-- Upsert staged facilities by id_fasilitas; the village is the one the point lies in
-- (declared village first where polygons overlap). Returns (inserted, updated, unchanged).
CREATE TEMP TABLE fas_siap ON COMMIT DROP AS
SELECT btrim(m.id_fasilitas) AS id_fasilitas,
       lower(btrim(m.jenis)) AS jenis,
       btrim(m.nama) AS nama,
       sasaran_kode_desa(m.kode_desa) AS kode_desa_deklarasi,
       lower(btrim(m.kondisi)) AS kondisi,
       sasaran_angka(m.kapasitas_kk)::integer AS kapasitas_kk,
       ST_SetSRID(ST_MakePoint(sasaran_angka(m.longitude), sasaran_angka(m.latitude)), 4326)::geometry(Point, 4326) AS geom
FROM fas_mentah m;

CREATE TEMP TABLE fas_lokasi ON COMMIT DROP AS
SELECT f.*, v.kode_desa, left(v.kode_desa, 5) AS kode_kab
FROM fas_siap f
LEFT JOIN LATERAL (
    SELECT b.kode_desa FROM desa_bagian b
     WHERE ST_Intersects(b.geom, f.geom)
     ORDER BY (b.kode_desa = f.kode_desa_deklarasi) DESC, b.kode_desa
     LIMIT 1) v ON true;

WITH changed AS (
    UPDATE fasilitas t
       SET jenis = l.jenis, nama = l.nama, kode_desa_deklarasi = l.kode_desa_deklarasi, kode_desa = l.kode_desa,
           kode_kab = l.kode_kab, kondisi = l.kondisi, kapasitas_kk = l.kapasitas_kk, geom = l.geom,
           impor_id = (SELECT id FROM impor_aktif), diubah_pada = now()
      FROM fas_lokasi l
     WHERE t.id_fasilitas = l.id_fasilitas
       AND ((t.jenis, t.nama, t.kode_desa_deklarasi, t.kondisi, t.kapasitas_kk)
            IS DISTINCT FROM (l.jenis, l.nama, l.kode_desa_deklarasi, l.kondisi, l.kapasitas_kk)
            OR NOT ST_Equals(t.geom, l.geom))
    RETURNING t.id
), added AS (
    INSERT INTO fasilitas (id_fasilitas, jenis, nama, kode_desa_deklarasi, kode_desa, kode_kab, kondisi,
                           kapasitas_kk, geom, impor_id)
    SELECT l.id_fasilitas, l.jenis, l.nama, l.kode_desa_deklarasi, l.kode_desa, l.kode_kab, l.kondisi,
           l.kapasitas_kk, l.geom, (SELECT id FROM impor_aktif)
      FROM fas_lokasi l
     WHERE NOT EXISTS (SELECT 1 FROM fasilitas t WHERE t.id_fasilitas = l.id_fasilitas)
    RETURNING id
)
SELECT (SELECT count(*) FROM added), (SELECT count(*) FROM changed),
       (SELECT count(*) FROM fas_lokasi) - (SELECT count(*) FROM added) - (SELECT count(*) FROM changed);
