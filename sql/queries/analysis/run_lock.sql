-- Runs of the same kind for the same kabupaten take turns (held until the run's transaction ends):
-- two at once would both replace that kabupaten's current rows (e.g. skor_rtlh).
SELECT pg_advisory_xact_lock(hashtext('analisis_run'), hashtext(%(jenis)s || '/' || %(kode_kab)s))
