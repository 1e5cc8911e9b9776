-- Names of regions given by code (village, kecamatan, kabupaten, province), for messages that
-- name a region: "kuota wilayah sudah penuh: Kec. Balik Bukit (18.04.04)".
SELECT kode_desa AS kode, CASE WHEN jenis = 'kelurahan' THEN 'Kel. ' ELSE 'Desa ' END || nama AS nama
FROM desa WHERE kode_desa = ANY(%(kode)s::text[])
UNION ALL
SELECT kode_kec, 'Kec. ' || nama FROM kecamatan WHERE kode_kec = ANY(%(kode)s::text[])
UNION ALL
SELECT kode_kab, nama FROM kabupaten WHERE kode_kab = ANY(%(kode)s::text[])
