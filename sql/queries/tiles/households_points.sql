-- Households as Mapbox vector tile points (layer "rumah_tangga") for tile z/x/y; only for roles
-- allowed to see exact points. The tile envelope is computed once in EPSG:3857 for ST_AsMVTGeom
-- and transformed once to EPSG:4326 so `geom && envelope` uses the GiST index on rumah_tangga.
-- Priority score from skor_rtlh (analyses, migration 0004). No NIK or names.
WITH env AS (
    SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS e3857,
           ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => 0.02), 4326) AS e4326
), titik AS (
    SELECT rt.id, rt.desil, s.skor::float8 AS skor,
           ST_AsMVTGeom(ST_Transform(rt.geom, 3857), env.e3857, 4096, 64, true) AS geom
    FROM env
    JOIN rumah_tangga rt ON rt.geom && env.e4326
    LEFT JOIN skor_rtlh s ON s.kode_prov = rt.kode_prov AND s.rumah_tangga_id = rt.id
    WHERE rt.aktif AND rt.kualitas_lokasi <> 'lokasi_perkiraan'
      AND dalam_wilayah(rt.kode_desa, %(wilayah)s)  -- region scope of the user (issue #8)
)
SELECT ST_AsMVT(titik, 'rumah_tangga', 4096, 'geom', 'id') FROM titik WHERE geom IS NOT NULL;
