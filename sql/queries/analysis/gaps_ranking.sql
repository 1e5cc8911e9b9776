-- Top villages by water/sanitation gap of each kabupaten (its rank in its own kabupaten), for the
-- given runs, with names and the unserved keluarga berisiko stunting. Only the user's region scope
-- (wilayah, NULL = everything).
SELECT d.kode_kab, k.nama AS nama_kab, c.peringkat, c.kode_desa, d.nama, c.rumah_tangga, c.tak_terlayani_air,
       c.persen_air, c.tak_terlayani_sanitasi, c.persen_sanitasi, c.krs_tak_terlayani_air,
       c.krs_tak_terlayani_sanitasi, c.skor_celah
FROM analisis_celah_desa c JOIN desa d USING (kode_desa) JOIN kabupaten k ON k.kode_kab = d.kode_kab
WHERE c.run_id = ANY(%(runs)s::bigint[]) AND dalam_wilayah(c.kode_desa, %(wilayah)s) AND c.peringkat <= %(limit)s
ORDER BY d.kode_kab, c.peringkat
