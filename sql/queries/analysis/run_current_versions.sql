-- Kabupaten, kind and data fingerprint of the current run of each kind and kabupaten.
SELECT r.kode_wilayah, r.jenis, r.versi_data
FROM analisis_run r
WHERE r.id IN (SELECT analisis_run_terkini(j) FROM unnest(%(jenis)s::text[]) j)
