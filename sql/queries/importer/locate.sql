-- Locate each checked row (imp_cek: urutan, kode_desa_deklarasi, desa_dikenal, lat, lon) -> imp_tempat.
-- * a point outside Indonesia whose swapped (lon, lat) lies in the declared village is fixed:
--   warning koordinat_tertukar, kualitas_lokasi 'gps_diperbaiki'; otherwise rejected
--   (koordinat_di_luar_indonesia);
-- * village: the declared one when the point lies in it (polygons overlap along shared edges);
--   otherwise the village containing the point with the lowest code; in no village: declared
--   village kept, 'luar_wilayah';
-- * a point more than 5 km from its declared village: kept, warning lokasi_meragukan
--   (kualitas_lokasi 'lokasi_meragukan' when it lies in another village);
-- * no coordinates: not in imp_tempat (the caller uses the declared village, 'lokasi_perkiraan').
-- imp_tempat holds only the exceptions: a row with coordinates that is not in it lies in its
-- declared village, as given (kualitas_lokasi 'gps', point (lon, lat)); almost every row of a
-- registry file, so they are not written out once more.
CREATE UNLOGGED TABLE imp_calon AS
SELECT c.urutan, c.kode_desa_deklarasi AS deklarasi, c.lat, c.lon,
       CASE WHEN sasaran_di_indonesia(c.lat, c.lon) THEN ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326)
            WHEN sasaran_di_indonesia(c.lon, c.lat) THEN ST_SetSRID(ST_MakePoint(c.lat, c.lon), 4326)
       END AS geom,
       NOT sasaran_di_indonesia(c.lat, c.lon) AND sasaran_di_indonesia(c.lon, c.lat) AS tertukar
  FROM imp_cek c
 WHERE c.desa_dikenal AND c.lat IS NOT NULL AND c.lon IS NOT NULL;
ANALYZE imp_calon;

-- Declared village first: the outer loop walks the village pieces and fetches each piece's points
-- by code, so consecutive ST_Intersects calls share one polygon and PostGIS reuses its prepared
-- geometry (OFFSET 0 keeps the planner from flipping the loop: 2.5x faster at 1M rows, bench/).
CREATE INDEX ON imp_calon (deklarasi);
CREATE UNLOGGED TABLE imp_di_desa AS
SELECT DISTINCT x.urutan
  FROM desa_bagian b
 CROSS JOIN LATERAL (SELECT c.urutan FROM imp_calon c
                      WHERE c.deklarasi = b.kode_desa AND c.geom IS NOT NULL AND ST_Intersects(b.geom, c.geom)
                     OFFSET 0) x;
ANALYZE imp_di_desa;

CREATE UNLOGGED TABLE imp_tempat AS
WITH x AS MATERIALIZED (  -- the exceptions: not in the declared village, or swapped (one anti-join)
    SELECT c.urutan, c.deklarasi, c.lat, c.lon, c.geom, c.tertukar, i.urutan AS di_desa
      FROM imp_calon c
      LEFT JOIN imp_di_desa i ON i.urutan = c.urutan
     WHERE i.urutan IS NULL OR c.tertukar
)
-- The few points outside their declared village, each looked up on its own row (a LATERAL, not a
-- join of x with itself: the planner guesses x holds one row, and its nested loop over x for each
-- row of x kept a file with 70,000 exceptions in this step for more than 22 minutes). The 5 km test first keeps only the declared village's
-- pieces whose box is within 0.05 degrees (more than 5 km anywhere in Indonesia, |lat| <= 11),
-- so a point declared in a far village costs no spheroid distance.
SELECT c.urutan,
       CASE WHEN c.geom IS NULL OR (c.tertukar AND c.di_desa IS NULL) THEN NULL ELSE c.geom END AS geom,
       coalesce(l.kode_lain, c.deklarasi) AS kode_desa,
       CASE WHEN c.tertukar THEN 'gps_diperbaiki'
            WHEN c.di_desa IS NOT NULL THEN 'gps'
            WHEN l.kode_lain IS NULL THEN 'luar_wilayah'
            WHEN l.jauh THEN 'lokasi_meragukan'
            ELSE 'gps' END AS kualitas_lokasi,
       CASE WHEN c.geom IS NULL OR (c.tertukar AND c.di_desa IS NULL)
            THEN ARRAY['koordinat_di_luar_indonesia'] ELSE '{}'::text[] END AS alasan,
       array_remove(ARRAY[CASE WHEN c.tertukar AND c.di_desa IS NOT NULL THEN 'koordinat_tertukar' END,
                          CASE WHEN l.jauh THEN 'lokasi_meragukan' END], NULL) AS peringatan,
       array_remove(ARRAY[
           CASE WHEN c.geom IS NULL
                THEN format('koordinat (%s, %s) di luar Indonesia (lintang -11..6,5; bujur 94,5..141,5)', c.lat, c.lon)
                WHEN c.tertukar AND c.di_desa IS NULL
                THEN format('koordinat (%s, %s) di luar Indonesia; ditukar pun tidak jatuh di desa %s', c.lat, c.lon, c.deklarasi)
                WHEN c.tertukar
                THEN format('latitude dan longitude tertukar; diperbaiki menjadi (%s, %s)', c.lon, c.lat) END,
           CASE WHEN l.jauh AND l.kode_lain IS NOT NULL
                THEN format('titik lebih dari 5 km di luar desa %s (jatuh di desa %s); tetap dimuat, periksa koordinat', c.deklarasi, l.kode_lain)
                WHEN l.jauh
                THEN format('titik lebih dari 5 km di luar desa %s dan di luar semua desa; tetap dimuat, periksa koordinat', c.deklarasi) END
       ], NULL) AS keterangan
  FROM x c
  LEFT JOIN LATERAL (
    SELECT (SELECT b.kode_desa FROM desa_bagian b WHERE ST_Intersects(b.geom, c.geom)
             ORDER BY b.kode_desa LIMIT 1) AS kode_lain,
           NOT EXISTS (SELECT 1 FROM desa_bagian b WHERE b.kode_desa = c.deklarasi
                          AND b.geom && ST_Expand(c.geom, 0.05)
                          AND ST_DWithin(b.geom::geography, c.geom::geography, 5000)) AS jauh
     WHERE c.geom IS NOT NULL AND NOT c.tertukar
  ) l ON true;
CREATE INDEX ON imp_tempat (urutan);
ANALYZE imp_tempat;
