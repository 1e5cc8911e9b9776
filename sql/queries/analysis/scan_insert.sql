-- Scan clusters of one run: the members (households) of each cluster and its statistics, given
-- as arrays; the polygon is the concave hull of the members buffered by buffer_m metres, in the
-- UTM zone of the run's kabupaten (srid).
DROP TABLE IF EXISTS _anggota;
CREATE TEMP TABLE _anggota ON COMMIT DROP AS
SELECT * FROM unnest(%(m_kantong)s::int[], %(m_prov)s::text[], %(m_id)s::bigint[]) AS a(kantong_id, kode_prov, id);
INSERT INTO analisis_kantong (run_id, kantong_id, metode, rumah_tangga, rumah_tangga_miskin, persen_miskin, desa,
                              luas_m2, geom, risiko_relatif, llr, p_value, radius_m)
SELECT %(run_id)s::bigint, k.kantong_id, 'scan', k.n, k.c, round(100.0 * k.c / k.n, 1), m.desa,
       ST_Area(m.poly), ST_Multi(ST_Transform(m.poly, 4326))::geometry(MultiPolygon, 4326),
       k.rr, k.llr, k.p, k.radius
FROM unnest(%(kantong)s::int[], %(n)s::int[], %(c)s::int[], %(rr)s::float8[], %(llr)s::float8[],
            %(p)s::float8[], %(radius)s::float8[]) AS k(kantong_id, n, c, rr, llr, p, radius)
CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(DISTINCT h.kode_desa ORDER BY h.kode_desa)
                    FILTER (WHERE h.kode_desa IS NOT NULL), '{}') AS desa,
           ST_Buffer(ST_ConcaveHull(ST_Collect(ST_Transform(h.geom, %(srid)s::int)), 0.3), %(buffer_m)s::float8) AS poly
    FROM _anggota a
    JOIN rumah_tangga h ON h.kode_prov = a.kode_prov AND h.id = a.id
    WHERE a.kantong_id = k.kantong_id
) m;
