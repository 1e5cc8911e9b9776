-- Write corrected house data found in the field (NULL: keep the stored value); a corrected point is
-- marked gps_diperbaiki. The old values are recorded by households/correction_insert.
UPDATE rumah_tangga
SET jenis_atap = COALESCE(%(jenis_atap)s, jenis_atap),
    jenis_dinding = COALESCE(%(jenis_dinding)s, jenis_dinding),
    jenis_lantai = COALESCE(%(jenis_lantai)s, jenis_lantai),
    luas_lantai_m2 = COALESCE(%(luas_lantai_m2)s::numeric, luas_lantai_m2),
    geom = CASE WHEN %(lat)s::float8 IS NULL THEN geom ELSE ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326) END,
    kualitas_lokasi = CASE WHEN %(lat)s::float8 IS NULL THEN kualitas_lokasi ELSE 'gps_diperbaiki' END,
    diubah_pada = now()
WHERE kode_prov = %(kode_prov)s AND id = %(id)s
