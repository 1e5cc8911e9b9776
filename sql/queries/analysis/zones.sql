-- UTM zone (EPSG) of each kabupaten: the zone of most of its villages. All metric work on
-- households of a kabupaten happens in that zone, so a kabupaten is never split between zones.
DROP TABLE IF EXISTS _zona;
CREATE TEMP TABLE _zona ON COMMIT DROP AS
SELECT kode_kab, mode() WITHIN GROUP (ORDER BY utm_srid) AS srid FROM desa GROUP BY kode_kab;
