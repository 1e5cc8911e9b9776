-- Soft delete: the row and its history stay; lists and exports skip it.
UPDATE kawasan_prioritas
SET dihapus_pada = now(), dihapus_oleh = %(oleh)s, diubah_oleh = %(oleh)s, diubah_pada = now()
WHERE id = %(id)s AND dihapus_pada IS NULL
RETURNING id, versi
