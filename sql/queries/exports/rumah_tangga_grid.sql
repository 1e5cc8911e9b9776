-- Layer rumah_tangga_grid: households aggregated in square cells of sel_m metres, laid out in
-- the UTM zone of each household's village, with k-anonymity: cells with fewer than k households
-- are dropped, and a count is shown only when it and its complement are at least k. A region-scoped
-- user's cells count only the households of the region (wilayah, see webgis/scope.py).
WITH pts AS (
    SELECT r.desil, r.sumber_air_minum, r.fasilitas_bab, r.jenis_kloset, r.pembuangan_tinja, r.jumlah_balita,
           r.kode_desa, d.utm_srid, ST_Transform(r.geom, d.utm_srid) AS g
    FROM rumah_tangga r JOIN desa d USING (kode_desa)
    WHERE r.aktif AND r.geom IS NOT NULL AND dalam_wilayah(r.kode_desa, %(wilayah)s)
), cells AS (
    SELECT utm_srid, floor(ST_X(g) / %(sel_m)s)::bigint AS i, floor(ST_Y(g) / %(sel_m)s)::bigint AS j,
           count(*) AS jumlah,
           count(*) FILTER (WHERE desil <= 2) AS desil12,
           count(*) FILTER (WHERE desil = 1) AS desil1,
           count(*) FILTER (WHERE sasaran_air_layak(sumber_air_minum) = false) AS tanpa_air_layak,
           count(*) FILTER (WHERE sasaran_sanitasi_layak(fasilitas_bab, jenis_kloset, pembuangan_tinja) = false)
               AS tanpa_sanitasi_layak,
           count(*) FILTER (WHERE jumlah_balita > 0) AS dengan_balita,
           min(kode_desa) AS kode_desa
    FROM pts GROUP BY 1, 2, 3
    HAVING count(*) >= %(k)s
), shown AS (
    SELECT c.*, (SELECT jsonb_object_agg(key, CASE WHEN value::bigint >= %(k)s AND c.jumlah - value::bigint >= %(k)s
                                                   THEN value ELSE 'null'::jsonb END)
                 FROM jsonb_each(jsonb_build_object('desil12', c.desil12, 'desil1', c.desil1,
                     'tanpa_air_layak', c.tanpa_air_layak, 'tanpa_sanitasi_layak', c.tanpa_sanitasi_layak,
                     'dengan_balita', c.dengan_balita))) AS rincian
    FROM cells c
)
SELECT (utm_srid || '-' || i || '-' || j) AS fid, NULL::text AS kode_desa, NULL::timestamptz AS waktu,
       ST_Transform(ST_MakeEnvelope(i * %(sel_m)s, j * %(sel_m)s, (i + 1) * %(sel_m)s, (j + 1) * %(sel_m)s,
                                    utm_srid), 4326) AS geom,
       jsonb_build_object('sel_m', %(sel_m)s::int, 'k', %(k)s::int, 'jumlah', jumlah,
           'ditekan', (SELECT COALESCE(string_agg(key, ',' ORDER BY key), '') FROM jsonb_each(rincian)
                       WHERE value = 'null'::jsonb)) || rincian AS props
FROM shown
