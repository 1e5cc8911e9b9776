-- Candidate source: the active households of the given (kode_prov, id) pairs.
SELECT * FROM rumah_tangga
WHERE aktif AND (kode_prov, id) IN (SELECT * FROM unnest(%(kode_prov)s::text[], %(ids)s::bigint[]))
