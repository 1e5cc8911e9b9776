-- Exclusion clusters of one kabupaten's run (arrays, one element per cluster / per member
-- household); the polygon is the concave hull of the members buffered by buffer_m metres in the
-- kabupaten's UTM zone (srid).
DROP TABLE IF EXISTS _anggota_eksklusi;
CREATE TEMP TABLE _anggota_eksklusi ON COMMIT DROP AS
SELECT * FROM unnest(%(m_klaster)s::int[], %(m_prov)s::text[], %(m_id)s::bigint[]) AS a(klaster_id, kode_prov, id);
INSERT INTO analisis_eksklusi (run_id, klaster_id, program, periode, kode_kab, sasaran, salah_keluar, risiko_relatif,
                               llr, p_value, radius_m, desa, geom)
SELECT %(run_id)s::bigint, k.klaster_id, k.program, k.periode, %(kode_kab)s::text, k.n, k.c, k.rr, k.llr, k.p, k.radius,
       m.desa, ST_Multi(ST_Transform(m.poly, 4326))::geometry(MultiPolygon, 4326)
  FROM unnest(%(klaster)s::int[], %(program)s::text[], %(periode)s::text[], %(n)s::int[], %(c)s::int[],
              %(rr)s::float8[], %(llr)s::float8[], %(p)s::float8[], %(radius)s::float8[])
       AS k(klaster_id, program, periode, n, c, rr, llr, p, radius)
 CROSS JOIN LATERAL (
     SELECT coalesce(array_agg(DISTINCT h.kode_desa ORDER BY h.kode_desa) FILTER (WHERE h.kode_desa IS NOT NULL), '{}') AS desa,
            ST_Buffer(ST_ConcaveHull(ST_Collect(ST_Transform(h.geom, %(srid)s::int)), 0.3), %(buffer_m)s::float8) AS poly
       FROM _anggota_eksklusi a
       JOIN rumah_tangga h ON h.kode_prov = a.kode_prov AND h.id = a.id
      WHERE a.klaster_id = k.klaster_id
 ) m;
