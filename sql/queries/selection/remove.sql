-- Remove a proposal ('usulan' only; the trigger refuses others and writes the history row).
DELETE FROM seleksi WHERE program_id = %(program_id)s AND kode_prov = %(kode_prov)s AND rumah_tangga_id = %(id)s
RETURNING id
