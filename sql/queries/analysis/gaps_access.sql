-- Access of every active household: safe water / improved sanitation at home (BPS), and the
-- distance in metres (WGS 84 spheroid) to the nearest functioning public water point and MCK/IPAL
-- komunal. KNN: for each service the index-assisted `<->` operator picks the 5 nearest by planar
-- lon/lat distance, the exact metre distance of those 5 decides (at Indonesian latitudes the planar
-- order is off by well under 1 percent, so the true nearest is always among them).
-- Served = access at home, or such a working facility within the radius; unserved = no access at
-- home and none within the radius; NULL ("data tidak lengkap") when the household's answer is
-- empty and no facility is within the radius: never silently counted as served or unserved.
-- One kabupaten's households; facilities of every kabupaten (one across the border serves too).
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
LEFT JOIN LATERAL (
    SELECT min(k.jarak) FILTER (WHERE v.layanan = 'air') AS air,
           min(k.jarak) FILTER (WHERE v.layanan = 'sanitasi') AS sanitasi
    FROM (VALUES ('air', %(jenis_air)s::text[]), ('sanitasi', %(jenis_sanitasi)s::text[])) v(layanan, jenis)
    CROSS JOIN LATERAL (
        SELECT sasaran_jarak_m(h.geom, f.geom) AS jarak FROM fasilitas f
        WHERE f.berfungsi AND f.jenis = ANY(v.jenis)
        ORDER BY f.geom <-> h.geom LIMIT 5
    ) k
) d ON h.geom IS NOT NULL
WHERE h.aktif AND h.kode_kab = %(kode_kab)s;
