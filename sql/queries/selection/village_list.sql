-- Villages for the candidate filter (name with kecamatan), those of the user's region scope.
SELECT d.kode_desa, d.nama, k.nama AS nama_kec FROM desa d JOIN kecamatan k USING (kode_kec)
WHERE dalam_wilayah(d.kode_desa, %(wilayah)s)
ORDER BY k.nama, d.nama
