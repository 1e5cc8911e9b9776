-- Record an import; its id is kept in the session's temp table impor_aktif for the merge step.
WITH created AS (
    INSERT INTO impor (jenis, nama_file, sha256, oleh, status)
    VALUES (%(jenis)s, %(nama_file)s, %(sha256)s, %(oleh)s, 'berjalan')
    RETURNING id)
INSERT INTO impor_aktif SELECT id FROM created RETURNING id;
