-- One code-list column of this import: the cells taken as they are and the entry of each.
INSERT INTO imp_daftar (kolom, cepat, kode) VALUES (%(kolom)s, %(cepat)s, %(kode)s);
