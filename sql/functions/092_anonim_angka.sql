-- The complement rule of the anonymity rule for counts of a group (k: spatial.anonymity): a
-- count of a group of `jumlah` members (the households of a village, the children measured in a
-- village) is published only when it and the rest of the group are both at least k, so a figure
-- never says "all" or "none" of fewer than k; a group of fewer than k publishes no count at all.
CREATE OR REPLACE FUNCTION sasaran_terbit(bagian bigint, jumlah bigint, k integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN jumlah >= k AND bagian >= k AND jumlah - bagian >= k THEN bagian END
$$;

-- The size of a group, published only when it is at least k.
CREATE OR REPLACE FUNCTION sasaran_jumlah_terbit(jumlah bigint, k integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN jumlah >= k THEN jumlah END
$$;
