-- The house data a field correction may change, locked until the correction is written.
SELECT jenis_atap, jenis_dinding, jenis_lantai, luas_lantai_m2, ST_Y(geom) AS lat, ST_X(geom) AS lon
FROM rumah_tangga
WHERE kode_prov = %(kode_prov)s AND id = %(id)s
FOR UPDATE
