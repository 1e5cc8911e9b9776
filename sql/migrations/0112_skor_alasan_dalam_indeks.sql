-- The drawn-area selection joins every household of the area to its RTLH score by key, as an
-- index-only look-up (0094). Since issue #17 the eligibility also reads the score's reasons
-- (alasan_tidak_memenuhi: whether a house is "bukan RTLH" on complete data or its data is
-- incomplete), which the index did not hold: each look-up read the table, and the planner hashed
-- the whole table instead. With the reasons in the index the look-up is index-only again
-- (1,000,000 households, a polygon of 5 percent of the province: preview query 200 ms with hash joins turned off by hand,
-- 380 ms without, 150 ms now; the index grows from 51 to 101 MB).
DROP INDEX skor_rtlh_seleksi_idx;
CREATE INDEX skor_rtlh_seleksi_idx ON skor_rtlh (kode_prov, rumah_tangga_id)
    INCLUDE (skor, rtlh, alasan_tidak_memenuhi);
