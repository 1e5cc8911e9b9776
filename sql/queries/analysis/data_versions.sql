-- Fingerprint of the data the analyses of each kabupaten read (kode_kab: the kabupaten asked for):
-- its villages' boundaries, households and facilities, and those of the villages of other
-- kabupaten within jarak_m metres (border context: neighbouring poor households for pockets,
-- facilities across the border for access). Facilities outside any village count for everyone.
-- Every insert, deactivation or deletion of a row changes the fingerprint of its kabupaten, and
-- every change made by an import (which stamps diubah_pada).
WITH rt AS (
    SELECT kode_desa, concat_ws('/', count(*), count(*) FILTER (WHERE aktif), max(diubah_pada), sum(id)) AS sidik
    FROM rumah_tangga GROUP BY kode_desa
), fs AS (
    SELECT kode_desa, concat_ws('/', count(*), max(diubah_pada), max(id),
                                sum(hashtext(concat_ws('|', id_fasilitas, jenis, kondisi, ST_AsText(geom))))) AS sidik
    FROM fasilitas GROUP BY kode_desa
), desa_kab AS (
    SELECT k AS kode_kab, d.kode_desa FROM unnest(%(kode_kab)s::text[]) k JOIN desa d ON d.kode_kab = k
    UNION
    SELECT k, desa_dekat_kabupaten(k, %(jarak_m)s::float8) FROM unnest(%(kode_kab)s::text[]) k
)
SELECT x.kode_kab,
       md5(string_agg(concat_ws(':', x.kode_desa, d.dimuat_pada, rt.sidik, fs.sidik), ',' ORDER BY x.kode_desa)
           || (SELECT COALESCE(max(sidik), '') FROM fs WHERE kode_desa IS NULL)) AS versi_data
FROM desa_kab x
JOIN desa d USING (kode_desa)
LEFT JOIN rt USING (kode_desa)
LEFT JOIN fs USING (kode_desa)
GROUP BY x.kode_kab
