-- A cached tile of the current data version (body NULL when missing), and that version.
SELECT v.versi, c.body
FROM tile_cache_versi v
LEFT JOIN tile_cache c ON c.versi = v.versi AND c.lapisan = %(lapisan)s AND c.z = %(z)s AND c.x = %(x)s AND c.y = %(y)s;
