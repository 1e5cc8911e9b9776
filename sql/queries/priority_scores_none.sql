SELECT NULL::text AS kode_prov, NULL::bigint AS rumah_tangga_id, NULL::numeric AS skor WHERE false
