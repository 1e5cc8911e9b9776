-- Candidate source: every active household.
SELECT * FROM rumah_tangga WHERE aktif
