-- Import sources with a saved value mapping, for one kind of file (most recently used first).
SELECT nama, pemetaan_nilai, diubah_oleh, diubah_pada FROM impor_sumber WHERE jenis = %(jenis)s ORDER BY diubah_pada DESC;
