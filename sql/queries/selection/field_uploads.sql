-- Uploaded field forms of a programme, newest first, with what they planned and did: only those
-- uploaded by users of the reader's region (%(wilayah)s; NULL: every upload).
SELECT id, nama_berkas, oleh, dibuat_pada, diterapkan_oleh, diterapkan_pada,
       jsonb_array_length(rencana -> 'terapkan') AS rencana_baris,
       jsonb_array_length(rencana -> 'tidak_diterapkan') AS rencana_tolak,
       jsonb_array_length(hasil -> 'diterapkan') AS hasil_baris, jsonb_array_length(hasil -> 'gagal') AS hasil_gagal
FROM verifikasi_unggahan
WHERE program_id = %(program_id)s AND COALESCE(dalam_wilayah(wilayah, %(wilayah)s), false)
ORDER BY id DESC
LIMIT 50
