-- Villages for the candidate filter (name with kecamatan).
SELECT d.kode_desa, d.nama, k.nama AS nama_kec FROM desa d JOIN kecamatan k USING (kode_kec) ORDER BY k.nama, d.nama
