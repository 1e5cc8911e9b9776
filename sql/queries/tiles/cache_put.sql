-- Keep a computed tile, unless the data changed meanwhile (then the version moved on and the
-- tile, computed from older data, is dropped).
INSERT INTO tile_cache (lapisan, z, x, y, versi, body)
SELECT %(lapisan)s, %(z)s, %(x)s, %(y)s, %(versi)s, %(body)s
WHERE %(versi)s = (SELECT versi FROM tile_cache_versi)
ON CONFLICT (lapisan, z, x, y) DO UPDATE SET versi = EXCLUDED.versi, body = EXCLUDED.body, dibuat_pada = now();
