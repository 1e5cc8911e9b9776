-- Merge staged villages into the hierarchy. Idempotent: rows whose name, kind and geometry are
-- unchanged are not touched. Invalid polygons are repaired with ST_MakeValid and flagged.
CREATE TEMP TABLE batas_siap ON COMMIT DROP AS
SELECT s.kode_desa, s.nama, s.jenis, s.nama_kec, s.nama_kab, s.nama_prov, s.sumber, s.urutan,
       left(s.kode_desa, 2) AS kode_prov, left(s.kode_desa, 5) AS kode_kab, left(s.kode_desa, 8) AS kode_kec,
       NOT ST_IsValid(g.raw) AS diperbaiki,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(g.raw), 3))::geometry(MultiPolygon, 4326) AS geom
FROM batas_stage s
CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromWKB(s.geom_wkb), 4326) AS raw) g;

INSERT INTO provinsi (kode_prov, nama)
SELECT DISTINCT ON (kode_prov) kode_prov, nama_prov FROM batas_siap ORDER BY kode_prov
ON CONFLICT (kode_prov) DO NOTHING;

INSERT INTO kabupaten (kode_kab, kode_prov, nama)
SELECT DISTINCT ON (kode_kab) kode_kab, kode_prov, nama_kab FROM batas_siap ORDER BY kode_kab
ON CONFLICT (kode_kab) DO UPDATE SET nama = EXCLUDED.nama WHERE kabupaten.nama IS DISTINCT FROM EXCLUDED.nama;

INSERT INTO kecamatan (kode_kec, kode_kab, nama)
SELECT DISTINCT ON (kode_kec) kode_kec, kode_kab, nama_kec FROM batas_siap ORDER BY kode_kec
ON CONFLICT (kode_kec) DO UPDATE SET nama = EXCLUDED.nama WHERE kecamatan.nama IS DISTINCT FROM EXCLUDED.nama;

CREATE TEMP TABLE batas_berubah ON COMMIT DROP AS
WITH upserted AS (
    INSERT INTO desa AS d (kode_desa, kode_kec, kode_kab, kode_prov, nama, jenis, geom, luas_m2, utm_srid, diperbaiki, sumber)
    SELECT kode_desa, kode_kec, kode_kab, kode_prov, nama, jenis, geom,
           ST_Area(geom::geography),
           sasaran_utm_srid(ST_PointOnSurface(geom)),
           diperbaiki, sumber
    FROM batas_siap
    ON CONFLICT (kode_desa) DO UPDATE
       SET nama = EXCLUDED.nama, jenis = EXCLUDED.jenis, geom = EXCLUDED.geom, luas_m2 = EXCLUDED.luas_m2,
           utm_srid = EXCLUDED.utm_srid, diperbaiki = EXCLUDED.diperbaiki, sumber = EXCLUDED.sumber,
           dimuat_pada = now()
     WHERE d.nama IS DISTINCT FROM EXCLUDED.nama
        OR d.jenis IS DISTINCT FROM EXCLUDED.jenis
        OR NOT ST_OrderingEquals(d.geom, EXCLUDED.geom)
    RETURNING kode_desa, kode_kec, kode_kab, (xmax = 0) AS baru
)
SELECT * FROM upserted;

DELETE FROM desa_bagian WHERE kode_desa IN (SELECT kode_desa FROM batas_berubah);
INSERT INTO desa_bagian (kode_desa, geom)
SELECT d.kode_desa, ST_Subdivide(d.geom, 128)
FROM desa d JOIN batas_berubah b USING (kode_desa);

UPDATE kecamatan k SET geom = u.geom
FROM (SELECT d.kode_kec, ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(d.geom)), 3)) AS geom
      FROM desa d WHERE d.kode_kec IN (SELECT kode_kec FROM batas_berubah) GROUP BY d.kode_kec) u
WHERE k.kode_kec = u.kode_kec;

UPDATE kabupaten k SET geom = u.geom
FROM (SELECT c.kode_kab, ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(c.geom)), 3)) AS geom
      FROM kecamatan c WHERE c.kode_kab IN (SELECT kode_kab FROM batas_berubah) GROUP BY c.kode_kab) u
WHERE k.kode_kab = u.kode_kab;
