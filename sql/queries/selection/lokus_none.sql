-- No table lokus_desa yet (issue #7 not installed): no lokus village.
SELECT NULL::text AS kode_desa WHERE false
