-- No table kawasan_prioritas yet (issue #7 not installed): no household is inside a priority area.
SELECT NULL::text AS kode_prov, NULL::bigint AS id WHERE false
