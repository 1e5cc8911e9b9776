-- Full re-import: active households of the kabupaten covered by the file that the file no longer
-- lists (not even as a rejected row) are marked inactive, never deleted. Returns the count.
WITH kabupaten AS (
    SELECT DISTINCT left(kode_desa_deklarasi, 5) AS kode_kab FROM imp_cek WHERE kode_desa_deklarasi IS NOT NULL
), gone AS (
    UPDATE rumah_tangga r
       SET aktif = false, impor_id = (SELECT id FROM impor_aktif), diubah_pada = now()
     WHERE r.aktif AND r.kode_kab_registri IN (SELECT kode_kab FROM kabupaten)
       AND NOT EXISTS (SELECT 1 FROM imp_cek c WHERE c.id_keluarga = r.id_keluarga
                          AND left(c.kode_desa_deklarasi, 5) = r.kode_kab_registri)
    RETURNING 1
)
SELECT count(*) FROM gone;
