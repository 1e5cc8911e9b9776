-- Located households of the gaps run (one kabupaten) unserved for one service (layanan), in the
-- metres of the kabupaten's UTM zone.
DROP TABLE IF EXISTS _titik;
CREATE TEMP TABLE _titik ON COMMIT DROP AS
SELECT h.kode_prov, h.id_keluarga, h.kode_desa, true AS sendiri, ST_Transform(h.geom, %(srid)s::int) AS g
FROM analisis_akses a
JOIN rumah_tangga h ON h.kode_prov = a.kode_prov AND h.id = a.rumah_tangga_id
WHERE a.run_id = %(run_id)s AND h.geom IS NOT NULL
  AND NOT CASE WHEN %(layanan)s = 'air' THEN a.terlayani_air ELSE a.terlayani_sanitasi END;
