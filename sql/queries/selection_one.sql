SELECT id, program_id, kode_prov, rumah_tangga_id, status, verifikator, tanggal_verifikasi, foto
FROM seleksi WHERE id = %(id)s AND program_id = %(program_id)s
