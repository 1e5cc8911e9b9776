SELECT count(*) AS kantong, COALESCE(sum(rumah_tangga_miskin), 0) AS rumah_tangga_miskin,
       COALESCE(sum(rumah_tangga), 0) AS rumah_tangga
FROM analisis_kantong WHERE run_id = %(run_id)s
