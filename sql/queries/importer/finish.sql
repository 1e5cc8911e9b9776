-- Close the import record with its counts.
UPDATE impor SET selesai = now(), status = %(status)s, jumlah = %(jumlah)s
 WHERE id = (SELECT id FROM impor_aktif);
