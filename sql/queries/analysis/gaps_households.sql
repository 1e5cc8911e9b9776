-- Every active household with a point in one kabupaten (key, longitude, latitude), read as CSV by
-- COPY: spatial.analysis.gaps measures its distances to the nearest facilities in Python.
COPY (
    SELECT h.kode_prov, h.id, ST_X(h.geom), ST_Y(h.geom)
    FROM rumah_tangga h
    WHERE h.aktif AND h.kode_kab = %(kode_kab)s AND h.geom IS NOT NULL
) TO STDOUT (FORMAT CSV);
