-- What a boundary load did: new, updated, repaired villages.
SELECT s.kode_desa, s.nama, b.baru, s.diperbaiki
FROM batas_siap s JOIN batas_berubah b USING (kode_desa)
ORDER BY s.urutan;
