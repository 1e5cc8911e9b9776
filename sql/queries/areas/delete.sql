-- Soft delete: the row and its history stay; lists and exports skip it. Only inside the user's
-- region scope (wilayah, NULL = unscoped).
UPDATE kawasan_prioritas
SET dihapus_pada = now(), dihapus_oleh = %(oleh)s, diubah_oleh = %(oleh)s, diubah_pada = now()
WHERE id = %(id)s AND dihapus_pada IS NULL AND geom_dalam_wilayah(geom, %(wilayah)s)
RETURNING id, versi
