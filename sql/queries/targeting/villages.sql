-- Targeting figures of one programme and period per village of the user's region (issue #24), from
-- sasaran_ketepatan (sql/functions/095_bantuan.sql), with the published form of every count for
-- roles without personal-data rights: sasaran_terbit (the one anonymity rule, k) against the
-- count it is a part of (households; recipients; eligible households).
WITH k AS (
    SELECT * FROM sasaran_ketepatan(%(program)s, %(periode)s, %(desil_maks)s, %(komponen)s, %(status_rumah)s, %(nilai)s)
     WHERE dalam_wilayah(kode_desa, %(wilayah)s)
), a AS (
    SELECT kode_desa,
           count(*) FILTER (WHERE rumah_tangga) AS rumah_tangga,
           count(*) FILTER (WHERE layak) AS sasaran,
           count(*) FILTER (WHERE rumah_tangga AND layak IS NULL) AS tidak_lengkap,
           count(*) FILTER (WHERE menerima) AS penerima,
           count(*) FILTER (WHERE kelas = 'tepat') AS tepat,
           count(*) FILTER (WHERE kelas = 'tidak_dinilai') AS tidak_dinilai,
           count(*) FILTER (WHERE menerima AND kelas NOT IN ('tepat', 'tidak_dinilai')) AS salah_masuk,
           count(*) FILTER (WHERE kelas = 'salah_keluar') AS salah_keluar,
           coalesce(sum(nilai) FILTER (WHERE menerima), 0)::bigint AS nilai_total,
           coalesce(sum(nilai) FILTER (WHERE menerima AND kelas NOT IN ('tepat', 'tidak_dinilai')), 0)::bigint AS nilai_bocor,
           count(*) FILTER (WHERE kelas = 'desil_di_atas_batas') AS desil_di_atas_batas,
           count(*) FILTER (WHERE kelas = 'tanpa_komponen') AS tanpa_komponen,
           count(*) FILTER (WHERE kelas = 'status_rumah_lain') AS status_rumah_lain,
           count(*) FILTER (WHERE kelas = 'tidak_terdaftar') AS tidak_terdaftar,
           count(*) FILTER (WHERE kelas = 'tidak_aktif') AS tidak_aktif,
           count(*) FILTER (WHERE kelas = 'nik_ganda_desa') AS nik_ganda_desa,
           count(*) FILTER (WHERE kelas = 'penerima_ganda') AS penerima_ganda
      FROM k
     GROUP BY kode_desa
)
SELECT d.kode_desa, d.nama, d.kode_kec, kc.nama AS nama_kec, d.kode_kab, kb.nama AS nama_kab, a.*,
       jsonb_build_object(
           'rumah_tangga', CASE WHEN a.rumah_tangga >= %(k)s THEN a.rumah_tangga END,
           'sasaran', sasaran_terbit(a.sasaran, a.rumah_tangga, %(k)s),
           'tidak_lengkap', sasaran_terbit(a.tidak_lengkap, a.rumah_tangga, %(k)s),
           'penerima', sasaran_terbit(a.penerima, a.rumah_tangga, %(k)s),
           'tepat', sasaran_terbit(a.tepat, a.penerima, %(k)s),
           'tidak_dinilai', sasaran_terbit(a.tidak_dinilai, a.penerima, %(k)s),
           'salah_masuk', sasaran_terbit(a.salah_masuk, a.penerima, %(k)s),
           'salah_keluar', sasaran_terbit(a.salah_keluar, a.sasaran, %(k)s),
           'nilai_total', CASE WHEN sasaran_terbit(a.penerima, a.rumah_tangga, %(k)s) IS NOT NULL THEN a.nilai_total END,
           'nilai_bocor', CASE WHEN sasaran_terbit(a.salah_masuk, a.penerima, %(k)s) IS NOT NULL THEN a.nilai_bocor END)
           AS terbit
  FROM a
  JOIN desa d ON d.kode_desa = a.kode_desa
  JOIN kecamatan kc ON kc.kode_kec = d.kode_kec
  JOIN kabupaten kb ON kb.kode_kab = d.kode_kab
 ORDER BY d.kode_desa;
