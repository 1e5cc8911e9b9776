-- History of a programme's selections (newest first), of the households in the user's region scope.
SELECT r.*, rt.id_keluarga
FROM seleksi_riwayat r LEFT JOIN rumah_tangga rt ON rt.kode_prov = r.kode_prov AND rt.id = r.rumah_tangga_id
WHERE r.program_id = %(program_id)s AND (%(seleksi_id)s::bigint IS NULL OR r.seleksi_id = %(seleksi_id)s)
  AND COALESCE(dalam_wilayah(rt.kode_desa, %(wilayah)s), false)
ORDER BY r.id DESC
LIMIT %(limit)s
