-- Which of the given households lie outside the user's region scope (issue #8; %(wilayah)s NULL:
-- unscoped, none). Selection actions on them are refused before anything changes.
SELECT kode_prov, id, id_keluarga
FROM rumah_tangga
WHERE (kode_prov, id) IN (SELECT * FROM unnest(%(kode_prov)s::text[], %(ids)s::bigint[]))
  AND NOT COALESCE(dalam_wilayah(kode_desa, %(wilayah)s), false)
ORDER BY kode_prov, id
