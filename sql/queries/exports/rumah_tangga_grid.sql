-- Layer rumah_tangga_grid: households per grid cell by the one anonymity rule (sasaran_sel_anonim,
-- spatial/anonymity.py): Web Mercator cells of level %(tingkat)s (edge sel_m metres on the map;
-- sel_m asked for is rounded up to a level, never finer than the 611 m base cells), each count the
-- sum of the published base cells inside. Counts summed over only part of the cell's households
-- (some base cells had that count suppressed) are named in 'ditekan'; '<count>_dari' is the number
-- of households the count covers. A region-scoped user gets the cells overlapping the region
-- (export_filtered.sql), counted like everyone's, so the two answers cannot be subtracted. With a
-- bbox only the cells around it are computed (i0..j1: spatial.anonymity.bbox_cells); each cell's
-- counts come from its own base cells, so they are the same as in the whole layer.
SELECT ('L' || %(tingkat)s::int || '-' || s.i || '-' || s.j) AS fid, NULL::text AS kode_desa, NULL::timestamptz AS waktu,
       ST_Transform(s.sel, 4326) AS geom,
       jsonb_build_object(
           'sel_m', %(sel_m)s::int, 'k', %(k)s::int, 'jumlah', s.jumlah,
           'desil12', s.desil12, 'desil12_dari', s.desil12_dari, 'desil1', s.desil1, 'desil1_dari', s.desil1_dari,
           'tanpa_air_layak', s.tanpa_air_layak, 'tanpa_air_layak_dari', s.tanpa_air_layak_dari,
           'tanpa_sanitasi_layak', s.tanpa_sanitasi_layak, 'tanpa_sanitasi_layak_dari', s.tanpa_sanitasi_layak_dari,
           'dengan_balita', s.dengan_balita, 'dengan_balita_dari', s.dengan_balita_dari)
       || jsonb_build_object('ditekan', concat_ws(',',
           CASE WHEN s.desil1_dari IS DISTINCT FROM s.jumlah THEN 'desil1' END,
           CASE WHEN s.desil12_dari IS DISTINCT FROM s.jumlah THEN 'desil12' END,
           CASE WHEN s.dengan_balita_dari IS DISTINCT FROM s.jumlah THEN 'dengan_balita' END,
           CASE WHEN s.tanpa_air_layak_dari IS DISTINCT FROM s.jumlah THEN 'tanpa_air_layak' END,
           CASE WHEN s.tanpa_sanitasi_layak_dari IS DISTINCT FROM s.jumlah THEN 'tanpa_sanitasi_layak' END)) AS props
FROM sasaran_sel_anonim(%(tingkat)s::int, %(dasar)s::int, %(k)s::int, %(i0)s::bigint, %(i1)s::bigint, %(j0)s::bigint,
                         %(j1)s::bigint) s
