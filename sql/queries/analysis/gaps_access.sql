-- Access of every active household: safe water / improved sanitation at home (BPS), and the
-- distance in metres on the WGS 84 ellipsoid to the nearest functioning public water point and
-- MCK/IPAL komunal (table _jarak, measured exactly by spatial.analysis.nearest; none without a
-- point or without such a facility). One kabupaten's households; facilities of every kabupaten
-- (one across the border serves too).
-- Served = access at home, or such a working facility within the radius; unserved = no access at
-- home and none within the radius; NULL ("data tidak lengkap") when the household's answer is
-- empty and no facility is within the radius: never silently counted as served or unserved.
ANALYZE _jarak;
INSERT INTO analisis_akses (run_id, kode_prov, rumah_tangga_id, kode_desa, air_layak, sanitasi_layak,
                            jarak_air_m, jarak_sanitasi_m, terlayani_air, terlayani_sanitasi)
SELECT %(run_id)s::bigint, h.kode_prov, h.id, h.kode_desa, l.air, l.sanitasi, d.air, d.sanitasi,
       CASE WHEN l.air OR COALESCE(d.air <= %(radius_air_m)s, false) THEN true WHEN l.air IS NOT NULL THEN false END,
       CASE WHEN l.sanitasi OR COALESCE(d.sanitasi <= %(radius_sanitasi_m)s, false) THEN true
            WHEN l.sanitasi IS NOT NULL THEN false END
FROM rumah_tangga h
CROSS JOIN LATERAL (
    SELECT sasaran_air_layak(h.sumber_air_minum) AS air,
           sasaran_sanitasi_layak(h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja) AS sanitasi
) l
LEFT JOIN _jarak j ON j.kode_prov = h.kode_prov AND j.id = h.id
CROSS JOIN LATERAL (SELECT NULLIF(j.air, 'NaN') AS air, NULLIF(j.sanitasi, 'NaN') AS sanitasi) d
WHERE h.aktif AND h.kode_kab = %(kode_kab)s;
