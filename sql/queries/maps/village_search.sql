-- Village search by name (contains, case-insensitive) or Kemendagri code prefix (digits only), in
-- the user's region (wilayah, NULL = everything).
SELECT d.kode_desa, d.nama, k.nama AS nama_kec
FROM desa d
JOIN kecamatan k USING (kode_kec)
WHERE ((%(digits)s::text IS NOT NULL AND replace(d.kode_desa, '.', '') LIKE %(digits)s || '%%')
       OR (%(digits)s::text IS NULL AND d.nama ILIKE '%%' || %(name)s || '%%'))
  AND dalam_wilayah(d.kode_desa, %(wilayah)s)
ORDER BY (d.nama ILIKE %(name)s || '%%') DESC, d.nama, d.kode_desa
LIMIT 20;
