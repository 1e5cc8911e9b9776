-- Full re-import: the households planned in imp_nonaktif (households_deactivate_plan.sql) are
-- marked inactive, never deleted. Returns the count.
WITH gone AS (
    UPDATE rumah_tangga r
       SET aktif = false, impor_id = (SELECT id FROM impor_aktif), diubah_pada = now()
      FROM imp_nonaktif n
     WHERE r.kode_prov = n.kode_prov AND r.id = n.id
    RETURNING 1
)
SELECT count(*) FROM gone;
