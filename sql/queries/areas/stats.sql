-- Statistics inside one area (GeoJSON geometry, WGS 84): households with coordinates inside it,
-- poor households (desil 1-2), RTLH candidates (rtlh and eligible, skor_rtlh) and their cost,
-- households without safe water / improved sanitation (BPS functions of migration 0004),
-- toddlers. Households without coordinates cannot be placed in an area and are not counted, nor
-- households outside the user's region scope (wilayah, see webgis/scope.py).
WITH a AS (
    SELECT ST_SetSRID(ST_GeomFromGeoJSON(%(geojson)s), 4326) AS g
), rt AS (
    SELECT r.kode_prov, r.id, r.desil, r.jumlah_balita, r.sumber_air_minum, r.fasilitas_bab,
           r.jenis_kloset, r.pembuangan_tinja
    FROM rumah_tangga r, a
    WHERE r.aktif AND r.geom IS NOT NULL AND ST_Intersects(r.geom, a.g) AND dalam_wilayah(r.kode_desa, %(wilayah)s)
)
SELECT count(*) AS rumah_tangga,
       count(*) FILTER (WHERE rt.desil <= 2) AS desil12,
       count(*) FILTER (WHERE rt.desil = 1) AS desil1,
       count(s.rumah_tangga_id) FILTER (WHERE s.rtlh AND s.memenuhi_syarat) AS rtlh,
       count(*) FILTER (WHERE sasaran_air_layak(rt.sumber_air_minum) = false) AS tanpa_air_layak,
       count(*) FILTER (WHERE sasaran_sanitasi_layak(rt.fasilitas_bab, rt.jenis_kloset,
                                                     rt.pembuangan_tinja) = false) AS tanpa_sanitasi_layak,
       COALESCE(sum(rt.jumlah_balita), 0) AS balita,
       count(*) FILTER (WHERE rt.jumlah_balita > 0) AS rumah_tangga_balita
FROM rt
LEFT JOIN skor_rtlh s ON s.kode_prov = rt.kode_prov AND s.rumah_tangga_id = rt.id
