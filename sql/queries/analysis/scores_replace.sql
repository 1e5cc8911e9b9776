-- RTLH score of every active household of one kabupaten from the configuration cfg (jsonb of
-- spatial/analysis/rtlh_config.toml), replacing its previous scores (also those
-- of households that moved in from another kabupaten since they were last scored). The configuration is unpacked
-- once (CTE k: scalars, small material maps, the ownership list) so that rows only read small values.
-- An empty attribute is "data tidak lengkap" (issue #17), never silently good or bad: its component
-- scores 0 and is listed in data_tidak_lengkap; a house that is not RTLH on the known components
-- but has unscored condition/health components, or whose tenure or desil is empty, gets the reason
-- data_tidak_lengkap instead of bukan_rtlh / bukan_milik_sendiri / desil_di_atas_batas.
-- A keluarga berisiko stunting (a stunted child measured in the last bulan_krs months, SQL
-- sasaran_krs, issue #23) scores kerentanan.keluarga_berisiko_stunting points.
DELETE FROM skor_rtlh s
WHERE s.kode_desa IN (SELECT d.kode_desa FROM desa d WHERE d.kode_kab = %(kode_kab)s);
DELETE FROM skor_rtlh s
USING rumah_tangga h
WHERE h.kode_kab = %(kode_kab)s AND s.kode_prov = h.kode_prov AND s.rumah_tangga_id = h.id;
INSERT INTO skor_rtlh (kode_prov, rumah_tangga_id, kode_desa, run_id, skor, komponen, rtlh,
                       memenuhi_syarat, alasan_tidak_memenuhi, biaya, data_tidak_lengkap)
WITH cfg AS (SELECT %(cfg)s::jsonb AS c),
k AS MATERIALIZED (
    SELECT c #> '{kondisi,atap}' AS atap, c #> '{kondisi,dinding}' AS dinding, c #> '{kondisi,lantai}' AS lantai,
           c #> '{kesejahteraan,desil}' AS desil,
           (c ->> 'luas_minimum_per_orang')::numeric AS luas_min, (c #>> '{kondisi,luas_sempit}')::numeric AS luas_sempit,
           (c #>> '{kesehatan,sanitasi_tidak_layak}')::numeric AS sanitasi,
           (c #>> '{kesehatan,air_tidak_layak}')::numeric AS air,
           (c #>> '{kesehatan,tanpa_listrik_pln}')::numeric AS listrik,
           (c #>> '{kerentanan,balita}')::numeric AS balita, (c #>> '{kerentanan,lansia}')::numeric AS lansia,
           (c #>> '{kerentanan,disabilitas}')::numeric AS disabilitas,
           (c #>> '{kerentanan,kepala_perempuan}')::numeric AS kepala_perempuan,
           coalesce((c #>> '{kerentanan,keluarga_berisiko_stunting}')::numeric, 0) AS krs_poin,
           (c ->> 'ambang_rtlh')::numeric AS ambang, (c ->> 'biaya_satuan')::numeric AS biaya,
           ARRAY(SELECT jsonb_array_elements_text(c #> '{syarat,status_rumah}')) AS milik,
           %(tahun_acuan)s::int - (c #>> '{syarat,tahun_tanpa_bantuan}')::int AS tahun_batas,
           (c #>> '{syarat,desil_maksimum}')::int AS desil_maks
    FROM cfg
),
p AS (
    SELECT h.kode_prov, h.id, h.kode_desa, h.status_rumah, h.tahun_bantuan_rumah, h.desil, k.ambang, k.biaya,
           k.milik, k.tahun_batas, k.desil_maks,
           COALESCE((k.atap ->> lower(h.jenis_atap))::numeric, 0) AS atap,
           COALESCE((k.dinding ->> lower(h.jenis_dinding))::numeric, 0) AS dinding,
           COALESCE((k.lantai ->> lower(h.jenis_lantai))::numeric, 0) AS lantai,
           CASE WHEN h.luas_lantai_m2 / NULLIF(h.jumlah_anggota, 0) < k.luas_min THEN k.luas_sempit ELSE 0 END AS luas_sempit,
           CASE WHEN sasaran_sanitasi_layak(h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja) = false
                THEN k.sanitasi ELSE 0 END AS sanitasi,
           CASE WHEN sasaran_air_layak(h.sumber_air_minum) = false THEN k.air ELSE 0 END AS air,
           CASE WHEN lower(h.sumber_penerangan) <> 'listrik pln meteran' THEN k.listrik ELSE 0 END AS listrik,
           COALESCE((k.desil ->> h.desil::text)::numeric, 0) AS desil_poin,
           CASE WHEN h.jumlah_balita > 0 THEN k.balita ELSE 0 END AS balita,
           CASE WHEN h.ada_lansia THEN k.lansia ELSE 0 END AS lansia,
           CASE WHEN h.ada_disabilitas THEN k.disabilitas ELSE 0 END AS disabilitas,
           CASE WHEN h.kepala_perempuan THEN k.kepala_perempuan ELSE 0 END AS kepala_perempuan,
           CASE WHEN krs.rumah_tangga_id IS NOT NULL THEN k.krs_poin ELSE 0 END AS krs,
           array_remove(ARRAY[   -- condition and health components that could not be scored
               CASE WHEN h.jenis_atap IS NULL THEN 'atap' END,
               CASE WHEN h.jenis_dinding IS NULL THEN 'dinding' END,
               CASE WHEN h.jenis_lantai IS NULL THEN 'lantai' END,
               CASE WHEN h.luas_lantai_m2 IS NULL OR h.jumlah_anggota IS NULL THEN 'luas_sempit' END,
               CASE WHEN sasaran_sanitasi_layak(h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja) IS NULL THEN 'sanitasi' END,
               CASE WHEN sasaran_air_layak(h.sumber_air_minum) IS NULL THEN 'air' END,
               CASE WHEN h.sumber_penerangan IS NULL THEN 'listrik' END
           ], NULL) AS kurang_rtlh,
           array_remove(ARRAY[
               CASE WHEN h.desil IS NULL THEN 'desil' END,
               CASE WHEN h.jumlah_balita IS NULL THEN 'balita' END,
               CASE WHEN h.ada_lansia IS NULL THEN 'lansia' END,
               CASE WHEN h.ada_disabilitas IS NULL THEN 'disabilitas' END,
               CASE WHEN h.kepala_perempuan IS NULL THEN 'kepala_perempuan' END,
               CASE WHEN h.status_rumah IS NULL THEN 'status_rumah' END
           ], NULL) AS kurang_lain
    FROM rumah_tangga h CROSS JOIN k
    LEFT JOIN sasaran_krs(%(bulan_krs)s) krs ON krs.kode_prov = h.kode_prov AND krs.rumah_tangga_id = h.id
    WHERE h.aktif AND h.kode_kab = %(kode_kab)s
), s AS (
    SELECT p.*, atap + dinding + lantai + luas_sempit AS kondisi, sanitasi + air + listrik AS kesehatan,
           balita + lansia + disabilitas + kepala_perempuan + krs AS kerentanan
    FROM p
), e AS (
    SELECT s.*, kondisi + kesehatan >= ambang AS rtlh,
           array_remove(ARRAY[
               CASE WHEN kondisi + kesehatan < ambang AND cardinality(kurang_rtlh) = 0 THEN 'bukan_rtlh' END,
               CASE WHEN kondisi + kesehatan < ambang AND cardinality(kurang_rtlh) > 0
                      OR status_rumah IS NULL OR desil IS NULL THEN 'data_tidak_lengkap' END,
               CASE WHEN NOT lower(status_rumah) = ANY(milik) THEN 'bukan_milik_sendiri' END,
               CASE WHEN tahun_bantuan_rumah > tahun_batas THEN 'sudah_dibantu' END,
               CASE WHEN desil > desil_maks THEN 'desil_di_atas_batas' END
           ], NULL) AS alasan
    FROM s
)
SELECT kode_prov, id, kode_desa, %(run_id)s::bigint,
       kondisi + kesehatan + desil_poin + kerentanan,
       jsonb_build_object('atap', atap, 'dinding', dinding, 'lantai', lantai, 'luas_sempit', luas_sempit,
                          'sanitasi', sanitasi, 'air', air, 'listrik', listrik, 'desil', desil_poin,
                          'balita', balita, 'lansia', lansia, 'disabilitas', disabilitas,
                          'kepala_perempuan', kepala_perempuan, 'keluarga_berisiko_stunting', krs,
                          'kondisi', kondisi, 'kesehatan', kesehatan,
                          'kesejahteraan', desil_poin, 'kerentanan', kerentanan),
       rtlh, cardinality(alasan) = 0, alasan,
       CASE WHEN cardinality(alasan) = 0 THEN biaya ELSE 0 END,
       kurang_rtlh || kurang_lain
FROM e;
