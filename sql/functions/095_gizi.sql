-- Child growth and households (issue #23): which household each measured child belongs to, and
-- the keluarga berisiko stunting the RTLH score and the gap ranking weigh (docs/stunting.md).

-- A measurement's household: by KK (no_kk = id_keluarga of an active household of the same
-- kabupaten), else by the parent's NIK (nik_ortu = nik_kepala of an active household of the same
-- kabupaten, the lowest id when several). cara says which.
CREATE OR REPLACE VIEW anak_rumah_tangga AS
SELECT a.id AS pengukuran_id, coalesce(kk.kode_prov, nik.kode_prov) AS kode_prov,
       coalesce(kk.id, nik.id) AS rumah_tangga_id, CASE WHEN kk.id IS NOT NULL THEN 'kk' ELSE 'nik' END AS cara
  FROM pengukuran_anak a
  LEFT JOIN LATERAL (SELECT r.kode_prov, r.id FROM rumah_tangga r
                      WHERE r.id_keluarga = a.no_kk AND r.kode_kab_registri = a.kode_kab_registri AND r.aktif
                      LIMIT 1) kk ON a.no_kk IS NOT NULL
  LEFT JOIN LATERAL (SELECT r.kode_prov, r.id FROM rumah_tangga r
                      WHERE r.nik_kepala = a.nik_ortu AND r.kode_kab = a.kode_kab_registri AND r.aktif
                      ORDER BY r.id LIMIT 1) nik ON kk.id IS NULL AND a.nik_ortu IS NOT NULL
 WHERE kk.id IS NOT NULL OR nik.id IS NOT NULL;

-- Keluarga berisiko stunting: households with a child whose latest measurement is stunted
-- (Permenkes class pendek or sangat pendek: a plausible z TB/U below -2) and was taken at most
-- `bulan` months before the newest measurement of its kabupaten.
CREATE OR REPLACE FUNCTION sasaran_krs(bulan integer)
RETURNS TABLE (kode_prov text, rumah_tangga_id bigint, anak_stunting bigint)
LANGUAGE sql STABLE AS $$
    WITH terakhir AS (
        SELECT DISTINCT ON (a.kode_kab_registri, a.id_anak) a.id, a.kode_kab_registri, a.tanggal_ukur, a.kelas_tbu
          FROM pengukuran_anak a
         ORDER BY a.kode_kab_registri, a.id_anak, a.tanggal_ukur DESC, a.id DESC
    ), acuan AS (
        SELECT a.kode_kab_registri, max(a.tanggal_ukur) AS terbaru FROM pengukuran_anak a GROUP BY 1
    )
    SELECT l.kode_prov, l.rumah_tangga_id, count(*)
      FROM terakhir t
      JOIN acuan USING (kode_kab_registri)
      JOIN anak_rumah_tangga l ON l.pengukuran_id = t.id
     WHERE t.kelas_tbu IN ('sangat_pendek', 'pendek')
       AND t.tanggal_ukur > acuan.terbaru - make_interval(months => bulan)
     GROUP BY 1, 2
$$;
