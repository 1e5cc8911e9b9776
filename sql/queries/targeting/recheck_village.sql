-- The households of one village most likely wrongly in or out of one programme and period (issue
-- #24), with the proposed change for the national registry, the reason and the evidence:
--   salah_keluar                    -> tambah   (eligible, not receiving)
--   desil_di_atas_batas, tanpa_komponen, status_rumah_lain
--                                   -> perbarui when the house itself looks poor (RTLH, or neither safe
--                                      water nor improved sanitation: the registry's desil may be out of
--                                      date), hapus otherwise
--   tidak_aktif, nik_ganda_desa, penerima_ganda -> hapus
--   tidak_terdaftar                 -> tambah   (register the family, if it is eligible)
--   tidak_dinilai                   -> perbarui (complete the data that decide eligibility)
-- Evidence (its parts; recheck.py writes them in words): desil and the programme's limit, the RTLH
-- score, water and sanitation, the distance to the nearest poverty pocket of the latest pockets run,
-- what a match by name rests on. Most likely first: households left out by
-- desil (poorest first), then those receiving by desil (richest first), then the rest.
WITH k AS (
    SELECT * FROM sasaran_ketepatan(%(program)s, %(periode)s, %(desil_maks)s, %(komponen)s, %(status_rumah)s, %(nilai)s)
     WHERE kode_desa = %(kode_desa)s AND kelas <> 'tepat'
), kantong AS (
    SELECT geom, kantong_id FROM analisis_kantong
     WHERE run_id IN (SELECT analisis_run_terkini('kantong'))
)
SELECT CASE WHEN k.rumah_tangga THEN format('rt:%%s:%%s', k.rt_prov, k.rt_id) ELSE format('penerima:%%s', k.penerima_id) END AS kunci,
       k.kelas AS alasan,
       CASE WHEN k.kelas IN ('salah_keluar', 'tidak_terdaftar') THEN 'tambah'
            WHEN k.kelas = 'tidak_dinilai' THEN 'perbarui'
            WHEN k.kelas IN ('desil_di_atas_batas', 'tanpa_komponen', 'status_rumah_lain')
                 AND (s.rtlh OR (sasaran_air_layak(h.sumber_air_minum) = false
                                 AND sasaran_sanitasi_layak(h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja) = false))
                THEN 'perbarui'
            ELSE 'hapus' END AS usulan,
       coalesce(h.nik_kepala, p.nik_kepala) AS nik, coalesce(h.nama_kepala, p.nama_kepala) AS nama,
       coalesce(h.alamat, p.alamat) AS alamat, h.id_keluarga, h.desil,
       -- the evidence, written in words by spatial/targeting/recheck.py (evidence)
       h.id IS NOT NULL AS terdaftar, s.skor AS skor_rtlh, s.rtlh,
       sasaran_air_layak(h.sumber_air_minum) AS air_layak,
       sasaran_sanitasi_layak(h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja) AS sanitasi_layak,
       j.meter AS jarak_kantong_m, j.kantong_id, p.nik_kepala AS nik_daftar, h.kode_desa AS desa_registri,
       p.cara_cocok, p.skor_cocok, p.tinjau
  FROM k
  LEFT JOIN rumah_tangga h ON h.kode_prov = k.rt_prov AND h.id = k.rt_id
  LEFT JOIN penerima_bantuan p ON p.id = k.penerima_id
  LEFT JOIN skor_rtlh s ON s.kode_prov = h.kode_prov AND s.rumah_tangga_id = h.id
  LEFT JOIN LATERAL (
      SELECT n.kantong_id, ST_Distance(n.geom::geography, h.geom::geography) AS meter
        FROM kantong n WHERE h.geom IS NOT NULL ORDER BY n.geom <-> h.geom LIMIT 1) j ON true
 ORDER BY CASE WHEN k.kelas = 'salah_keluar' THEN 0 WHEN k.kelas LIKE '%%batas' OR k.kelas IN ('tanpa_komponen', 'status_rumah_lain') THEN 1 ELSE 2 END,
          CASE WHEN k.kelas = 'salah_keluar' THEN h.desil ELSE -h.desil END NULLS LAST, j.meter NULLS LAST, nama;
