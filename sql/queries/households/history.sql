-- What happened to a household: workflow changes of its selections and corrections of its house
-- data, newest first.
SELECT r.waktu, r.oleh, 'status' AS jenis, p.nama AS program, r.dari AS lama, r.ke AS baru, r.alasan AS keterangan
FROM seleksi_riwayat r JOIN program p ON p.id = r.program_id
WHERE r.kode_prov = %(kode_prov)s AND r.rumah_tangga_id = %(id)s
UNION ALL
SELECT c.waktu, c.oleh, c.kolom, NULL, c.nilai_lama, c.nilai_baru, c.sumber
FROM rumah_tangga_koreksi c
WHERE c.kode_prov = %(kode_prov)s AND c.rumah_tangga_id = %(id)s
ORDER BY 1 DESC
LIMIT 100
