-- Access of every active household: safe water / improved sanitation at home (BPS), and the
-- distance in metres to the nearest functioning public water point and MCK/IPAL komunal
-- (sasaran_jarak_fasilitas_m: KNN on the GiST index, exact spheroid metres).
-- Unserved = no access at home (NULL counts as no) and no such facility within the radius.
INSERT INTO analisis_akses (run_id, kode_prov, rumah_tangga_id, kode_desa, air_layak, sanitasi_layak,
                            jarak_air_m, jarak_sanitasi_m, terlayani_air, terlayani_sanitasi)
SELECT %(run_id)s::bigint, kode_prov, id, kode_desa, air, sanitasi, jarak_air, jarak_sanitasi,
       COALESCE(air, false) OR COALESCE(jarak_air <= %(radius_air_m)s, false),
       COALESCE(sanitasi, false) OR COALESCE(jarak_sanitasi <= %(radius_sanitasi_m)s, false)
FROM (
    SELECT h.kode_prov, h.id, h.kode_desa,
           sasaran_air_layak(h.sumber_air_minum) AS air,
           sasaran_sanitasi_layak(h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja) AS sanitasi,
           sasaran_jarak_fasilitas_m(h.geom, %(jenis_air)s::text[]) AS jarak_air,
           sasaran_jarak_fasilitas_m(h.geom, %(jenis_sanitasi)s::text[]) AS jarak_sanitasi
    FROM rumah_tangga h
    WHERE h.aktif
) a;
