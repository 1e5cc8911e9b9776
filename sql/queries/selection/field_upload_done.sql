-- Record that an uploaded field form was applied, and what that did.
UPDATE verifikasi_unggahan SET diterapkan_oleh = %(oleh)s, diterapkan_pada = now(), hasil = %(hasil)s
WHERE id = %(id)s
