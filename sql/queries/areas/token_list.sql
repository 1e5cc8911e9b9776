SELECT id, instansi, prefiks, koleksi, dibuat_oleh, dibuat, terakhir_dipakai, dicabut_pada
FROM token_instansi ORDER BY id DESC
