-- RTLH score of every active household from the configuration cfg (jsonb of
-- spatial/analysis/rtlh_config.toml). Replaces the previous scores.
DELETE FROM skor_rtlh;
INSERT INTO skor_rtlh (kode_prov, rumah_tangga_id, kode_desa, run_id, skor, komponen, rtlh,
                       memenuhi_syarat, alasan_tidak_memenuhi, biaya)
WITH cfg AS (SELECT %(cfg)s::jsonb AS c),
p AS (
    SELECT h.kode_prov, h.id, h.kode_desa, h.status_rumah, h.tahun_bantuan_rumah, h.desil,
           COALESCE((c #>> ARRAY['kondisi', 'atap', lower(h.jenis_atap)])::numeric, 0) AS atap,
           COALESCE((c #>> ARRAY['kondisi', 'dinding', lower(h.jenis_dinding)])::numeric, 0) AS dinding,
           COALESCE((c #>> ARRAY['kondisi', 'lantai', lower(h.jenis_lantai)])::numeric, 0) AS lantai,
           CASE WHEN h.luas_lantai_m2 / NULLIF(h.jumlah_anggota, 0) < (c ->> 'luas_minimum_per_orang')::numeric
                THEN (c #>> '{kondisi,luas_sempit}')::numeric ELSE 0 END AS luas_sempit,
           CASE WHEN sasaran_sanitasi_layak(h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja) = false
                THEN (c #>> '{kesehatan,sanitasi_tidak_layak}')::numeric ELSE 0 END AS sanitasi,
           CASE WHEN sasaran_air_layak(h.sumber_air_minum) = false
                THEN (c #>> '{kesehatan,air_tidak_layak}')::numeric ELSE 0 END AS air,
           CASE WHEN lower(h.sumber_penerangan) <> 'listrik pln meteran'
                THEN (c #>> '{kesehatan,tanpa_listrik_pln}')::numeric ELSE 0 END AS listrik,
           COALESCE((c #>> ARRAY['kesejahteraan', 'desil', h.desil::text])::numeric, 0) AS desil_poin,
           CASE WHEN h.jumlah_balita > 0 THEN (c #>> '{kerentanan,balita}')::numeric ELSE 0 END AS balita,
           CASE WHEN h.ada_lansia THEN (c #>> '{kerentanan,lansia}')::numeric ELSE 0 END AS lansia,
           CASE WHEN h.ada_disabilitas THEN (c #>> '{kerentanan,disabilitas}')::numeric ELSE 0 END AS disabilitas,
           CASE WHEN h.kepala_perempuan THEN (c #>> '{kerentanan,kepala_perempuan}')::numeric ELSE 0 END AS kepala_perempuan,
           c
    FROM rumah_tangga h, cfg
    WHERE h.aktif
), s AS (
    SELECT p.*, atap + dinding + lantai + luas_sempit AS kondisi, sanitasi + air + listrik AS kesehatan,
           balita + lansia + disabilitas + kepala_perempuan AS kerentanan
    FROM p
), e AS (
    SELECT s.*, kondisi + kesehatan >= (c ->> 'ambang_rtlh')::numeric AS rtlh,
           array_remove(ARRAY[
               CASE WHEN kondisi + kesehatan < (c ->> 'ambang_rtlh')::numeric THEN 'bukan_rtlh' END,
               CASE WHEN status_rumah IS NULL OR lower(status_rumah) NOT IN
                         (SELECT jsonb_array_elements_text(c #> '{syarat,status_rumah}'))
                    THEN 'bukan_milik_sendiri' END,
               CASE WHEN tahun_bantuan_rumah > %(tahun_acuan)s::int - (c #>> '{syarat,tahun_tanpa_bantuan}')::int
                    THEN 'sudah_dibantu' END,
               CASE WHEN desil IS NULL OR desil > (c #>> '{syarat,desil_maksimum}')::int
                    THEN 'desil_di_atas_batas' END
           ], NULL) AS alasan
    FROM s
)
SELECT kode_prov, id, kode_desa, %(run_id)s::bigint,
       kondisi + kesehatan + desil_poin + kerentanan,
       jsonb_build_object('atap', atap, 'dinding', dinding, 'lantai', lantai, 'luas_sempit', luas_sempit,
                          'sanitasi', sanitasi, 'air', air, 'listrik', listrik, 'desil', desil_poin,
                          'balita', balita, 'lansia', lansia, 'disabilitas', disabilitas,
                          'kepala_perempuan', kepala_perempuan, 'kondisi', kondisi, 'kesehatan', kesehatan,
                          'kesejahteraan', desil_poin, 'kerentanan', kerentanan),
       rtlh, cardinality(alasan) = 0, alasan,
       CASE WHEN cardinality(alasan) = 0 THEN (c ->> 'biaya_satuan')::numeric ELSE 0 END
FROM e;
