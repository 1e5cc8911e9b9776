-- The programmes a household was selected in, newest first, with the workflow state and photo.
SELECT s.id AS seleksi_id, s.program_id, p.nama AS program, p.tahun, p.status AS status_program, s.status, s.skor,
       s.verifikator, s.tanggal_verifikasi, s.foto, s.alasan, s.diubah_oleh, s.diubah_pada
FROM seleksi s JOIN program p ON p.id = s.program_id
WHERE s.kode_prov = %(kode_prov)s AND s.rumah_tangga_id = %(id)s
ORDER BY p.tahun DESC, s.id DESC
