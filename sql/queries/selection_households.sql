-- Households of one programme's scope with their eligibility for it (issue #6): every active
-- household with an RTLH score (skor_rtlh of issue #4), the reasons it may not be selected, its
-- selection in this programme and whether it matches the filters. Filters are NULL when unused.
-- The kawasan and lokus CTEs are fixed fragments (selection_kawasan*.sql, selection_lokus*.sql) chosen
-- by whether the planning tables kawasan_prioritas / lokus_desa exist.
WITH a AS (
    SELECT CASE WHEN %(area)s::text IS NULL THEN NULL
                ELSE ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(%(area)s::text), 4326)) END AS g
), kawasan AS (
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
           (k.id IS NOT NULL) AS dalam_kawasan,
           se.id AS seleksi_id, se.status AS status_seleksi, lain.program AS program_lain,
           (dibantu.kode_prov IS NOT NULL) AS dibantu_program,
           CASE WHEN a.g IS NULL THEN NULL
                WHEN rt.geom IS NOT NULL THEN ST_Intersects(a.g, rt.geom)
                ELSE EXISTS (SELECT 1 FROM desa d WHERE d.kode_desa = rt.kode_desa AND ST_CoveredBy(d.geom, a.g))
           END AS dalam_area
    FROM rumah_tangga rt
    JOIN skor_rtlh sk ON sk.kode_prov = rt.kode_prov AND sk.rumah_tangga_id = rt.id
    CROSS JOIN a
    LEFT JOIN kawasan k ON k.kode_prov = rt.kode_prov AND k.id = rt.id
    LEFT JOIN seleksi se ON se.program_id = %(program_id)s AND se.kode_prov = rt.kode_prov
                        AND se.rumah_tangga_id = rt.id
    LEFT JOIN lain ON lain.kode_prov = rt.kode_prov AND lain.rumah_tangga_id = rt.id
    LEFT JOIN dibantu ON dibantu.kode_prov = rt.kode_prov AND dibantu.rumah_tangga_id = rt.id
    WHERE rt.aktif
      AND (%(kode_prov)s::text[] IS NULL OR (rt.kode_prov, rt.id) IN
               (SELECT * FROM unnest(%(kode_prov)s::text[], %(ids)s::bigint[])))
      AND (%(kode_desa)s::text IS NULL OR rt.kode_desa = %(kode_desa)s)
      AND (%(kode_kec)s::text IS NULL OR rt.kode_kec = %(kode_kec)s)
      AND (%(desil)s::int IS NULL OR rt.desil = %(desil)s)
      AND (%(kondisi_minimum)s::numeric IS NULL OR (sk.komponen ->> 'kondisi')::numeric >= %(kondisi_minimum)s)
      AND (%(rentan)s::boolean IS NULL OR ((sk.komponen ->> 'kerentanan')::numeric > 0) = %(rentan)s)
), e AS (
    SELECT h.*, array_remove(ARRAY[
               CASE WHEN %(wajib_rtlh)s AND NOT h.rtlh THEN 'bukan_rtlh' END,
               CASE WHEN h.status_rumah IS NULL OR NOT (lower(h.status_rumah) = ANY(%(status_rumah)s::text[]))
                    THEN 'bukan_milik_sendiri' END,
               CASE WHEN h.desil IS NULL OR h.desil > %(desil_maksimum)s THEN 'desil_di_atas_batas' END,
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
)
SELECT e.*, cardinality(e.alasan) = 0 AND e.seleksi_id IS NULL AS memenuhi_syarat,
       e.seleksi_id IS NOT NULL AND e.status_seleksi <> 'ditolak' AS terpilih
FROM e
WHERE (%(dalam_kawasan)s::boolean IS NULL OR e.dalam_kawasan = %(dalam_kawasan)s)
  AND (%(area)s::text IS NULL OR e.dalam_area)
  AND (NOT %(hanya_kandidat)s OR (e.seleksi_id IS NOT NULL AND e.status_seleksi <> 'ditolak')
       OR cardinality(e.alasan) = 0)
ORDER BY e.skor DESC, e.desil NULLS LAST, e.kode_prov, e.id
