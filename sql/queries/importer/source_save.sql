-- Save (replace) the value mapping of one import source.
INSERT INTO impor_sumber (jenis, nama, pemetaan_nilai, diubah_oleh)
VALUES (%(jenis)s, %(nama)s, %(pemetaan)s, %(oleh)s)
ON CONFLICT (jenis, nama) DO UPDATE
   SET pemetaan_nilai = EXCLUDED.pemetaan_nilai, diubah_oleh = EXCLUDED.diubah_oleh, diubah_pada = now();
