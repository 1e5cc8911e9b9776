-- Keep a computed tile, unless the data changed meanwhile (then the version moved on and the
-- tile, computed from older data, is dropped). The cache holds at most %(maks)s tiles: the
-- oldest go first.
WITH simpan AS (
    INSERT INTO tile_cache (lapisan, z, x, y, versi, body)
    SELECT %(lapisan)s, %(z)s, %(x)s, %(y)s, %(versi)s, %(body)s
    WHERE %(versi)s = (SELECT versi FROM tile_cache_versi)
    ON CONFLICT (lapisan, z, x, y) DO UPDATE SET versi = EXCLUDED.versi, body = EXCLUDED.body, dibuat_pada = now()
    RETURNING 1
)
DELETE FROM tile_cache
WHERE (lapisan, z, x, y) IN (
    SELECT lapisan, z, x, y FROM tile_cache ORDER BY dibuat_pada
    LIMIT greatest(0, (SELECT count(*) FROM tile_cache) + (SELECT count(*) FROM simpan) - %(maks)s))
