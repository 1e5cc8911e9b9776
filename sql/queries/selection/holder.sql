-- Who holds a household now (why an addition was refused): its live selections in active programmes.
SELECT s.kode_prov, s.rumah_tangga_id, s.program_id, p.nama || ' ' || p.tahun AS program, s.status,
       s.dibuat_oleh, s.dibuat_pada
FROM seleksi s JOIN program p ON p.id = s.program_id
WHERE s.program_aktif AND s.status <> 'ditolak'
  AND (s.kode_prov, s.rumah_tangga_id) IN (SELECT * FROM unnest(%(kode_prov)s::text[], %(ids)s::bigint[]))
