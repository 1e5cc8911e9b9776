-- The old and new values of corrected house data (one row per column), with who and from where.
INSERT INTO rumah_tangga_koreksi (kode_prov, rumah_tangga_id, kolom, nilai_lama, nilai_baru, unggahan_id, seleksi_id, oleh)
SELECT %(kode_prov)s, %(id)s, t.kolom, t.lama, t.baru, %(unggahan_id)s, %(seleksi_id)s, %(oleh)s
FROM unnest(%(kolom)s::text[], %(lama)s::text[], %(baru)s::text[]) AS t(kolom, lama, baru)
