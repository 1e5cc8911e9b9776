-- Lokus villages fixed for a year (all kinds, or one), in the user's region (wilayah, NULL = everything).
SELECT l.tahun, l.jenis, d.kode_kab, l.kode_desa, d.nama, l.alasan, l.ditetapkan_oleh, l.ditetapkan_pada
FROM lokus_desa l JOIN desa d USING (kode_desa)
WHERE l.tahun = %(tahun)s AND (%(jenis)s::text IS NULL OR l.jenis = %(jenis)s) AND dalam_wilayah(l.kode_desa, %(wilayah)s)
ORDER BY l.jenis, l.kode_desa
