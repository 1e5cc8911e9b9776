-- Category counts of one village's active households for the Profil Desa charts: desil, drinking
-- water source, toilet facility, roof, wall and floor material (empty values as 'tidak diisi').
SELECT v.dimensi, c.kategori, count(*) AS jumlah
FROM rumah_tangga rt
CROSS JOIN LATERAL (VALUES
    ('desil', rt.desil::text),
    ('sumber_air_minum', rt.sumber_air_minum),
    ('fasilitas_bab', rt.fasilitas_bab),
    ('jenis_atap', rt.jenis_atap),
    ('jenis_dinding', rt.jenis_dinding),
    ('jenis_lantai', rt.jenis_lantai)
) AS v(dimensi, kategori_asli)
CROSS JOIN LATERAL (SELECT COALESCE(v.kategori_asli, 'tidak diisi') AS kategori) c
WHERE rt.aktif AND rt.kode_prov = left(%(kode_desa)s, 2) AND rt.kode_desa = %(kode_desa)s  -- kode_prov: one partition
GROUP BY v.dimensi, c.kategori
ORDER BY v.dimensi, c.kategori;
