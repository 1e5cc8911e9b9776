-- Targeting rule of a social programme (issue #24) applied to one household. The rules' values
-- live in spatial/targeting/programs.toml; the queries pass them per programme (desil_maks, the
-- components of which at least one is needed, the allowed house tenures). Three-valued like the
-- rest of Sasaran: an empty desil, component or tenure that decides the answer gives NULL
-- ("data tidak lengkap"), never a silent yes or no.
CREATE OR REPLACE FUNCTION sasaran_layak_bantuan(desil smallint, jumlah_balita smallint, ada_lansia boolean,
                                                 ada_disabilitas boolean, kepala_perempuan boolean,
                                                 status_rumah text, desil_maks integer, komponen text[],
                                                 status_boleh text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT desil <= desil_maks
       AND (cardinality(komponen) = 0
            OR ('balita' = ANY(komponen) AND jumlah_balita > 0)
            OR ('lansia' = ANY(komponen) AND ada_lansia)
            OR ('disabilitas' = ANY(komponen) AND ada_disabilitas)
            OR ('kepala_perempuan' = ANY(komponen) AND kepala_perempuan))
       AND (cardinality(status_boleh) = 0 OR status_rumah = ANY(status_boleh))
$$;

-- Why a household is not eligible (the first rule it fails), or 'data_tidak_lengkap' when the
-- answer is unknown, or NULL when it is eligible. Same arguments as sasaran_layak_bantuan.
CREATE OR REPLACE FUNCTION sasaran_alasan_bantuan(desil smallint, jumlah_balita smallint, ada_lansia boolean,
                                                  ada_disabilitas boolean, kepala_perempuan boolean,
                                                  status_rumah text, desil_maks integer, komponen text[],
                                                  status_boleh text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN desil > desil_maks THEN 'desil_di_atas_batas'
        WHEN cardinality(komponen) > 0
             AND NOT coalesce('balita' = ANY(komponen) AND jumlah_balita > 0, false)
             AND NOT coalesce('lansia' = ANY(komponen) AND ada_lansia, false)
             AND NOT coalesce('disabilitas' = ANY(komponen) AND ada_disabilitas, false)
             AND NOT coalesce('kepala_perempuan' = ANY(komponen) AND kepala_perempuan, false)
             AND ('balita' <> ALL(komponen) OR jumlah_balita IS NOT NULL)
             AND ('lansia' <> ALL(komponen) OR ada_lansia IS NOT NULL)
             AND ('disabilitas' <> ALL(komponen) OR ada_disabilitas IS NOT NULL)
             AND ('kepala_perempuan' <> ALL(komponen) OR kepala_perempuan IS NOT NULL) THEN 'tanpa_komponen'
        WHEN cardinality(status_boleh) > 0 AND status_rumah IS NOT NULL AND status_rumah <> ALL(status_boleh)
            THEN 'status_rumah_lain'
        WHEN sasaran_layak_bantuan(desil, jumlah_balita, ada_lansia, ada_disabilitas, kepala_perempuan,
                                   status_rumah, desil_maks, komponen, status_boleh) IS NULL
            THEN 'data_tidak_lengkap'
    END
$$;

-- Targeting of one programme and period (issue #24), one row per active household and one per
-- recipient row that has no active household of its own:
--   * a household (rt_* set, rumah_tangga true): layak by the rule, menerima when a recipient row
--     is linked to it (its first row: the one declared in its own village, else the oldest), and
--     kelas 'tepat' (eligible, receiving), 'salah_keluar' (eligible, not receiving: exclusion
--     error), the rule it fails when it receives without being eligible ('desil_di_atas_batas',
--     'tanpa_komponen', 'status_rumah_lain': inclusion error), 'tidak_dinilai' (receiving, the
--     data decide nothing), NULL otherwise; village = the household's;
--   * a recipient row counted on its own (rumah_tangga false, menerima true, village as declared):
--     'tidak_terdaftar' (not linked to the registry), 'tidak_aktif' (linked to a household that is
--     no longer active: moved, deceased, split), 'nik_ganda_desa' (a further row of a household
--     linked already, declared in another village), 'penerima_ganda' (same, same village).
-- nilai: rupiah of the recipient row (the programme's p_nilai when the list gives none).
CREATE OR REPLACE FUNCTION sasaran_ketepatan(p_program text, p_periode text, p_desil_maks integer, p_komponen text[],
                                             p_status text[], p_nilai bigint)
RETURNS TABLE (rt_prov text, rt_id bigint, penerima_id bigint, kode_desa text, rumah_tangga boolean, layak boolean,
               menerima boolean, kelas text, nilai bigint)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    WITH pb AS (
        SELECT p.id, p.rt_prov, p.rt_id, p.kode_desa_deklarasi, coalesce(p.nilai, p_nilai) AS nilai, h.aktif,
               h.kode_desa AS desa_rt,
               p.kode_desa_deklarasi IN (h.kode_desa, h.kode_desa_deklarasi) AS desa_sama,
               row_number() OVER (PARTITION BY p.rt_prov, p.rt_id
                                  ORDER BY p.kode_desa_deklarasi IN (h.kode_desa, h.kode_desa_deklarasi) DESC, p.id) AS ke
          FROM penerima_bantuan p
          LEFT JOIN rumah_tangga h ON h.kode_prov = p.rt_prov AND h.id = p.rt_id
         WHERE p.program = p_program AND p.periode = p_periode
    )
    SELECT h.kode_prov, h.id, u.id, h.kode_desa, true, l.layak, u.id IS NOT NULL,
           CASE WHEN u.id IS NULL THEN CASE WHEN l.layak THEN 'salah_keluar' END
                WHEN l.layak THEN 'tepat'
                WHEN l.alasan = 'data_tidak_lengkap' THEN 'tidak_dinilai'
                ELSE l.alasan END,
           u.nilai
      FROM rumah_tangga h
      LEFT JOIN pb u ON u.rt_prov = h.kode_prov AND u.rt_id = h.id AND u.ke = 1
     CROSS JOIN LATERAL (
         SELECT sasaran_layak_bantuan(h.desil, h.jumlah_balita, h.ada_lansia, h.ada_disabilitas, h.kepala_perempuan,
                                      h.status_rumah, p_desil_maks, p_komponen, p_status) AS layak,
                sasaran_alasan_bantuan(h.desil, h.jumlah_balita, h.ada_lansia, h.ada_disabilitas, h.kepala_perempuan,
                                       h.status_rumah, p_desil_maks, p_komponen, p_status) AS alasan) l
     WHERE h.aktif AND h.kode_desa IS NOT NULL
    UNION ALL
    SELECT pb.rt_prov, pb.rt_id, pb.id, pb.kode_desa_deklarasi, false, NULL, true,
           CASE WHEN pb.rt_id IS NULL THEN 'tidak_terdaftar'
                WHEN NOT pb.aktif THEN 'tidak_aktif'
                WHEN pb.desa_sama THEN 'penerima_ganda'
                ELSE 'nik_ganda_desa' END,
           pb.nilai
      FROM pb
     WHERE pb.rt_id IS NULL OR NOT pb.aktif OR pb.ke > 1
$$;
