-- Located households unserved for one service (layanan), in their kabupaten's UTM metres.
DROP TABLE IF EXISTS _titik;
CREATE TEMP TABLE _titik ON COMMIT DROP AS
SELECT h.kode_prov, h.id, h.kode_desa, z.srid, ST_Transform(h.geom, z.srid) AS g
FROM analisis_akses a
JOIN rumah_tangga h ON h.kode_prov = a.kode_prov AND h.id = a.rumah_tangga_id
JOIN _zona z USING (kode_kab)
WHERE a.run_id = %(run_id)s AND h.geom IS NOT NULL
  AND NOT CASE WHEN %(layanan)s = 'air' THEN a.terlayani_air ELSE a.terlayani_sanitasi END;
