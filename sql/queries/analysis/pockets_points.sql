-- Poor, located, active households of the kabupaten (sendiri) in the metres of its UTM zone, and,
-- as context, the poor households of other kabupaten within 2 eps_m of one of them: the density
-- around a household near the border counts its neighbours across the border (see README).
DROP TABLE IF EXISTS _titik;
CREATE TEMP TABLE _titik ON COMMIT DROP AS
SELECT h.kode_prov, h.id_keluarga, h.kode_desa, true AS sendiri, ST_Transform(h.geom, %(srid)s::int) AS g
FROM rumah_tangga h
WHERE h.kode_kab = %(kode_kab)s AND h.aktif AND h.geom IS NOT NULL AND h.desil <= %(desil_maks)s;
CREATE INDEX ON _titik USING gist (g);
ANALYZE _titik;
INSERT INTO _titik
SELECT h.kode_prov, h.id_keluarga, h.kode_desa, false, p.g
FROM rumah_tangga h
CROSS JOIN LATERAL (SELECT ST_Transform(h.geom, %(srid)s::int) AS g) p
WHERE h.kode_desa IN (SELECT desa_dekat_kabupaten(%(kode_kab)s, 2 * %(eps_m)s::float8))
  AND h.kode_kab IS DISTINCT FROM %(kode_kab)s AND h.aktif AND h.geom IS NOT NULL AND h.desil <= %(desil_maks)s
  AND EXISTS (SELECT 1 FROM _titik o WHERE o.sendiri AND ST_DWithin(o.g, p.g, 2 * %(eps_m)s::float8));
