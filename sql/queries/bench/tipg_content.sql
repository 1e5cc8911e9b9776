-- Sasaran's household tile content published for tipg (bench/tiles.py), so that tipg serves the
-- same features as /tiles/rumah-tangga: schema bench_tipg with the view of the household points
-- the point tiles carry (id, desil, skor) and a function collection of the anonymous grid cells
-- (sasaran_sel_anonim, the one anonymity rule) over the base cells given as parameters. Only in a
-- benchmark database.
CREATE SCHEMA IF NOT EXISTS bench_tipg;

CREATE OR REPLACE VIEW bench_tipg.titik AS
SELECT rt.id, rt.desil, s.skor::float8 AS skor, rt.geom
FROM rumah_tangga rt
LEFT JOIN skor_rtlh s ON s.kode_prov = rt.kode_prov AND s.rumah_tangga_id = rt.id
WHERE rt.aktif AND rt.kualitas_lokasi <> 'lokasi_perkiraan';

CREATE OR REPLACE FUNCTION bench_tipg.agregat(tingkat integer, dasar integer, k integer,
                                              i0 bigint, i1 bigint, j0 bigint, j1 bigint)
RETURNS TABLE (jumlah bigint, desil12 bigint, persen_desil12 float8, geom geometry)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT s.jumlah, s.desil12, round(100.0 * s.desil12 / NULLIF(s.desil12_dari, 0), 1)::float8,
           ST_Transform(s.sel, 4326)
    FROM sasaran_sel_anonim(tingkat, dasar, k, i0, i1, j0, j1) s
$$;
