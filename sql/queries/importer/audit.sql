-- Audit entry for a download of an import's rejects report (it holds personal data).
INSERT INTO audit_log (pengguna, aksi, objek, objek_id, detail)
VALUES (%(pengguna)s, 'unduh_laporan_tolak', 'impor', %(impor_id)s, %(detail)s);
