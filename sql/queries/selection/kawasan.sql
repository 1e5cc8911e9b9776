-- Households inside a (not deleted) priority area of issue #7: points inside a polygon, and
-- households without GPS whose whole village lies inside one.
SELECT DISTINCT rt.kode_prov, rt.id
FROM rumah_tangga rt JOIN kawasan_prioritas kp ON kp.dihapus_pada IS NULL AND ST_Intersects(kp.geom, rt.geom)
WHERE rt.aktif
UNION
SELECT rt.kode_prov, rt.id
FROM rumah_tangga rt
JOIN desa d ON d.kode_desa = rt.kode_desa
JOIN kawasan_prioritas kp ON kp.dihapus_pada IS NULL AND ST_CoveredBy(d.geom, kp.geom)
WHERE rt.aktif AND rt.geom IS NULL
