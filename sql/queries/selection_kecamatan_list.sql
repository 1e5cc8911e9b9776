-- Kecamatan for the candidate filter.
SELECT kode_kec, nama FROM kecamatan ORDER BY nama
