-- Layer rumah_tangga_desa: households aggregated per village with k-anonymity (the complement rule
-- of SQL sasaran_terbit / sasaran_jumlah_terbit): a count is shown only when both it and its
-- complement (jumlah - count) are at least k; a village with fewer than k households shows no
-- count at all. Suppressed fields are null and listed in 'ditekan'.
WITH agg AS (
    SELECT kode_desa, count(*) AS jumlah,
           count(*) FILTER (WHERE desil <= 2) AS desil12,
           count(*) FILTER (WHERE desil = 1) AS desil1,
           count(*) FILTER (WHERE sasaran_air_layak(sumber_air_minum) = false) AS tanpa_air_layak,
           count(*) FILTER (WHERE sasaran_sanitasi_layak(fasilitas_bab, jenis_kloset, pembuangan_tinja) = false)
               AS tanpa_sanitasi_layak,
           count(*) FILTER (WHERE jumlah_balita > 0) AS dengan_balita
    FROM rumah_tangga WHERE aktif AND kode_desa IS NOT NULL GROUP BY kode_desa
), shown AS (
    SELECT a.*, d.nama, d.geom, d.dimuat_pada,
           (SELECT jsonb_object_agg(key, coalesce(to_jsonb(sasaran_terbit(value::bigint, a.jumlah, %(k)s)),
                                                  'null'::jsonb))
            FROM jsonb_each(jsonb_build_object('desil12', a.desil12, 'desil1', a.desil1,
                'tanpa_air_layak', a.tanpa_air_layak, 'tanpa_sanitasi_layak', a.tanpa_sanitasi_layak,
                'dengan_balita', a.dengan_balita))) AS rincian
    FROM agg a JOIN desa d USING (kode_desa)
)
SELECT kode_desa AS fid, kode_desa, dimuat_pada AS waktu, geom,
       jsonb_build_object('kode_desa', kode_desa, 'nama', nama, 'k', %(k)s::int,
           'jumlah', sasaran_jumlah_terbit(jumlah, %(k)s),
           'ditekan', (SELECT COALESCE(string_agg(key, ',' ORDER BY key), '') FROM jsonb_each(rincian)
                       WHERE value = 'null'::jsonb)) || rincian AS props
FROM shown
