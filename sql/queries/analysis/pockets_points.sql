-- Poor, located, active households in the metre coordinates of their kabupaten's UTM zone.
DROP TABLE IF EXISTS _titik;
CREATE TEMP TABLE _titik ON COMMIT DROP AS
SELECT h.kode_prov, h.id, h.kode_desa, z.srid, ST_Transform(h.geom, z.srid) AS g
FROM rumah_tangga h
JOIN _zona z USING (kode_kab)
WHERE h.aktif AND h.geom IS NOT NULL AND h.desil <= %(desil_maks)s;
