-- Top villages by water/sanitation gap for one run, with names (district rank). Only the user's region scope (wilayah, NULL = everything).
SELECT c.peringkat, c.kode_desa, d.nama, c.rumah_tangga, c.tak_terlayani_air, c.persen_air,
       c.tak_terlayani_sanitasi, c.persen_sanitasi, c.skor_celah
FROM analisis_celah_desa c JOIN desa d USING (kode_desa)
WHERE c.run_id = %(run_id)s AND dalam_wilayah(c.kode_desa, %(wilayah)s) ORDER BY c.peringkat LIMIT %(limit)s
