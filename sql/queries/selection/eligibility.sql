-- Eligibility of households for one programme (issue #6): the CTE chain shared by the candidate
-- list (selection_households.sql) and the drawn-area summary (selection_area_summary.sql), which
-- append their final SELECT over `c`. Fixed fragments are composed in: the source (which households:
-- all active, those inside a drawn area, or given pairs; selection_source_*.sql), kawasan and
-- lokus (selection_kawasan*.sql, selection_lokus*.sql, chosen by whether the planning tables of
-- issue #7 exist). Only the households of the source are joined to their RTLH score (skor_rtlh of
-- issue #4) and checked, so a drawn area costs what its households cost, not the province.
-- Filters are NULL when unused; %(wilayah)s is the user's region scope (NULL: unscoped).
WITH kawasan AS (
    {kawasan}
), lokus AS (
    {lokus}
), lain AS (                     -- live selections in other active programmes
    SELECT s.kode_prov, s.rumah_tangga_id, min(p.nama || ' ' || p.tahun) AS program
    FROM seleksi s JOIN program p ON p.id = s.program_id
    WHERE s.program_aktif AND s.status <> 'ditolak' AND s.program_id <> %(program_id)s
    GROUP BY 1, 2
), dibantu AS (                  -- repaired by a programme in the last N years
    SELECT DISTINCT s.kode_prov, s.rumah_tangga_id
    FROM seleksi s JOIN program p ON p.id = s.program_id
    WHERE s.status = 'selesai' AND p.tahun > %(tahun)s::int - %(tahun_tanpa_bantuan)s::int
      AND s.program_id <> %(program_id)s
), h AS (
    SELECT rt.kode_prov, rt.id, rt.id_keluarga, rt.nama_kepala, rt.nik_kepala, rt.alamat, rt.kode_desa,
           rt.kode_kec, rt.desil, rt.status_rumah, rt.tahun_bantuan_rumah, rt.kualitas_lokasi,
           ST_X(rt.geom) AS lon, ST_Y(rt.geom) AS lat, sk.skor, sk.komponen, sk.rtlh,
           sk.alasan_tidak_memenuhi AS alasan_skor, sk.data_tidak_lengkap,
           (k.id IS NOT NULL) AS dalam_kawasan,
           se.id AS seleksi_id, se.status AS status_seleksi, lain.program AS program_lain,
           (dibantu.kode_prov IS NOT NULL) AS dibantu_program
    FROM ({source}) rt
    JOIN skor_rtlh sk ON sk.kode_prov = rt.kode_prov AND sk.rumah_tangga_id = rt.id
    LEFT JOIN kawasan k ON k.kode_prov = rt.kode_prov AND k.id = rt.id
    LEFT JOIN seleksi se ON se.program_id = %(program_id)s AND se.kode_prov = rt.kode_prov
                        AND se.rumah_tangga_id = rt.id
    LEFT JOIN lain ON lain.kode_prov = rt.kode_prov AND lain.rumah_tangga_id = rt.id
    LEFT JOIN dibantu ON dibantu.kode_prov = rt.kode_prov AND dibantu.rumah_tangga_id = rt.id
    WHERE dalam_wilayah(rt.kode_desa, %(wilayah)s)
      -- the same scope narrowed to the kabupaten by an indexed column (rumah_tangga_kab_idx), so a
      -- kabupaten's user reads its kabupaten's households, not the province's (1,000,000 households:
      -- the table page 1.6 s -> 0.5 s); dalam_wilayah above stays the rule
      AND (%(wilayah)s::text IS NULL OR length(%(wilayah)s) < 5 OR rt.kode_kab = left(%(wilayah)s, 5))
      AND (%(kode_desa)s::text IS NULL OR rt.kode_desa = %(kode_desa)s)
      AND (%(kode_kec)s::text IS NULL OR rt.kode_kec = %(kode_kec)s)
      AND (%(desil)s::int IS NULL OR rt.desil = %(desil)s)
      AND (%(kondisi_minimum)s::numeric IS NULL OR (sk.komponen ->> 'kondisi')::numeric >= %(kondisi_minimum)s)
      AND (%(rentan)s::boolean IS NULL OR ((sk.komponen ->> 'kerentanan')::numeric > 0) = %(rentan)s)
      -- hanya_kandidat (the candidate list and map): skip early the households that cannot be
      -- eligible whatever else holds (not RTLH when the programme requires it, desil above its
      -- limit or empty, tenure not allowed or empty) unless this programme selected them; the
      -- reasons below stay the rule, this only spares computing them for most households
      AND (NOT %(hanya_kandidat)s OR se.id IS NOT NULL
           OR ((NOT %(wajib_rtlh)s OR sk.rtlh) AND rt.desil <= %(desil_maksimum)s
               AND lower(rt.status_rumah) = ANY(%(status_rumah)s::text[])))
), e AS (
    SELECT h.*, array_remove(ARRAY[
               -- an empty attribute the decision needs: data_tidak_lengkap (issue #17), never a silent no;
               -- the score says bukan_rtlh only when the house is not RTLH on complete data
               CASE WHEN %(wajib_rtlh)s AND NOT h.rtlh AND 'bukan_rtlh' = ANY(h.alasan_skor) THEN 'bukan_rtlh' END,
               CASE WHEN h.status_rumah IS NULL OR h.desil IS NULL
                      OR %(wajib_rtlh)s AND NOT h.rtlh AND NOT 'bukan_rtlh' = ANY(h.alasan_skor)
                    THEN 'data_tidak_lengkap' END,
               CASE WHEN NOT (lower(h.status_rumah) = ANY(%(status_rumah)s::text[])) THEN 'bukan_milik_sendiri' END,
               CASE WHEN h.desil > %(desil_maksimum)s THEN 'desil_di_atas_batas' END,
               CASE WHEN h.skor < %(skor_minimum)s THEN 'skor_di_bawah_minimum' END,
               CASE WHEN h.tahun_bantuan_rumah > %(tahun)s::int - %(tahun_tanpa_bantuan)s::int
                    THEN 'sudah_dibantu' END,
               CASE WHEN h.dibantu_program THEN 'sudah_dibantu_program' END,
               CASE WHEN h.program_lain IS NOT NULL THEN 'program_lain' END,
               CASE WHEN %(batas_wilayah)s = 'kawasan_prioritas' AND NOT h.dalam_kawasan THEN 'di_luar_kawasan' END,
               CASE WHEN %(batas_wilayah)s = 'lokus' AND NOT COALESCE(h.kode_desa IN (SELECT kode_desa FROM lokus), false)
                    THEN 'bukan_desa_lokus' END,
               CASE WHEN h.status_seleksi = 'ditolak' THEN 'ditolak_sebelumnya' END
           ], NULL) AS alasan
    FROM h
    OFFSET 0                     -- a fence: the reasons are computed once per household, not again
), c AS (                        -- in every expression of the callers that uses them
    SELECT e.*, cardinality(e.alasan) = 0 AND e.seleksi_id IS NULL AS memenuhi_syarat,
           e.seleksi_id IS NOT NULL AND e.status_seleksi <> 'ditolak' AS terpilih
    FROM e
    WHERE (%(dalam_kawasan)s::boolean IS NULL OR e.dalam_kawasan = %(dalam_kawasan)s)
)
