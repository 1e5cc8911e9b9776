-- Record an import; its id is kept in the session's temp table impor_aktif for the later steps.
WITH created AS (
    INSERT INTO impor (jenis, nama_file, sha256, oleh, status, opsi, ukuran_byte, kolom_berkas, baris_judul)
    VALUES (%(jenis)s, %(nama_file)s, %(sha256)s, %(oleh)s, 'berjalan', %(opsi)s, %(ukuran_byte)s,
            %(kolom_berkas)s, %(baris_judul)s)
    RETURNING id)
INSERT INTO impor_aktif SELECT id FROM created RETURNING id;
