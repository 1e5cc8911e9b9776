-- The distances in metres of spatial.analysis.gaps (NaN: no such functioning facility), one row per
-- located household, written by analysis/gaps_distances_copy and read by analysis/gaps_access.
DROP TABLE IF EXISTS _jarak;
CREATE TEMP TABLE _jarak (kode_prov text, id bigint, air float8, sanitasi float8) ON COMMIT DROP;
