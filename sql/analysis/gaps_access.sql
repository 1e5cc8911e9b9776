-- Access of every active household: safe water / improved sanitation at home (BPS), and the
-- distance in metres (WGS 84 spheroid) to the nearest functioning public water point and MCK/IPAL
-- komunal. KNN: the index-assisted `<->` operator picks the 5 nearest by planar lon/lat distance,
-- the exact metre distance of those 5 decides (at Indonesian latitudes the planar order is off by
-- well under 1 percent, so the true nearest is always among them).
-- Unserved = no access at home (NULL counts as no) and no such facility within the radius.
INSERT INTO analisis_akses (run_id, kode_prov, rumah_tangga_id, kode_desa, air_layak, sanitasi_layak,
                            jarak_air_m, jarak_sanitasi_m, terlayani_air, terlayani_sanitasi)
SELECT %(run_id)s::bigint, h.kode_prov, h.id, h.kode_desa, l.air, l.sanitasi, a.jarak, s.jarak,
       COALESCE(l.air, false) OR COALESCE(a.jarak <= %(radius_air_m)s, false),
       COALESCE(l.sanitasi, false) OR COALESCE(s.jarak <= %(radius_sanitasi_m)s, false)
FROM rumah_tangga h
CROSS JOIN LATERAL (
    SELECT sasaran_air_layak(h.sumber_air_minum) AS air,
           sasaran_sanitasi_layak(h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja) AS sanitasi
) l
LEFT JOIN LATERAL (
    SELECT min(sasaran_jarak_m(h.geom, k.geom)) AS jarak
    FROM (SELECT f.geom FROM fasilitas f
          WHERE f.berfungsi AND f.jenis = ANY(%(jenis_air)s::text[]) AND h.geom IS NOT NULL
          ORDER BY f.geom <-> h.geom LIMIT 5) k
) a ON true
LEFT JOIN LATERAL (
    SELECT min(sasaran_jarak_m(h.geom, k.geom)) AS jarak
    FROM (SELECT f.geom FROM fasilitas f
          WHERE f.berfungsi AND f.jenis = ANY(%(jenis_sanitasi)s::text[]) AND h.geom IS NOT NULL
          ORDER BY f.geom <-> h.geom LIMIT 5) k
) s ON true
WHERE h.aktif;
