-- Kecamatan for the candidate filter (those of the user's region scope).
SELECT kode_kec, nama FROM kecamatan WHERE dalam_wilayah(kode_kec, %(wilayah)s) ORDER BY nama
