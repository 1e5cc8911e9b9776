-- Drawn-area selection (issue #6; issue #9 target: preview < 300 ms at 1,000,000 households). The
-- area query (sql/queries/selection_source_area.sql) finds the households inside the polygon with
-- the GiST index and checks only those, so it needs two look-ups to be cheap:
--
-- 1. Households without GPS count in an area when their whole village lies inside it, so they are
--    looked up by village. They are a few percent of the table; this partial index finds them
--    without reading the village's GPS households.
CREATE INDEX rumah_tangga_tanpa_gps_idx ON rumah_tangga (kode_desa) WHERE geom IS NULL;

-- 2. Every household of the area is joined to its RTLH score by key. With the score and the RTLH
--    flag in the index the join is an index-only look-up (39 MB at 1,000,000 scores instead of
--    reading the 520 MB table at random), which also makes the planner choose it over hashing the
--    whole table. scores_replace.sql rewrites skor_rtlh; until autovacuum has run after it, the
--    look-ups read the table as before.
CREATE INDEX skor_rtlh_seleksi_idx ON skor_rtlh (kode_prov, rumah_tangga_id) INCLUDE (skor, rtlh);
