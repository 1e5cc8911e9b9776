-- Valid values of one category column for this import's checks.
INSERT INTO imp_daftar (kolom, daftar) VALUES (%(kolom)s, %(daftar)s);
