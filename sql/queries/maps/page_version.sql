-- What the rendered dashboard map depends on: the household data version (the "data per" date)
-- and the villages (the initial extent).
SELECT (SELECT versi FROM tile_cache_versi) || '/' || (SELECT max(dimuat_pada) FROM desa) AS versi
