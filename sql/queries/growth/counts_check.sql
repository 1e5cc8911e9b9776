-- Typed village counts from imp_baris (kode_desa, periode, diukur, stunting, sangat_pendek,
-- wasting, balita). Rejected (alasan): an unknown village, a period that is no month, a count that
-- is no whole number or contradicts another (stunting more than diukur, sangat_pendek more than
-- stunting), the same village and month twice in the file. An optional count that cannot be read
-- is emptied with a warning (angka_tidak_valid).
CREATE UNLOGGED TABLE imp_cek AS
WITH p AS (
    SELECT m.*,  -- the counts as numbers, each with its text (imp_baris, importer/registry.py)
           nullif(btrim(m.kode_desa), '') AS kode_desa_teks, sasaran_kode_desa(m.kode_desa) AS kode_desa_deklarasi,
           nullif(btrim(m.periode), '') AS periode_teks, sasaran_periode(m.periode) AS bulan
      FROM imp_baris m
     WHERE btrim(concat(m.kode_desa, m.periode, m.diukur_teks, m.stunting_teks)) <> ''
    OFFSET 0
), k AS (
    SELECT p.*, d.kode_desa IS NOT NULL AS desa_dikenal,
           coalesce(p.diukur >= 0 AND p.diukur = trunc(p.diukur) AND p.diukur < 1e6, false) AS diukur_ok,
           coalesce(p.stunting >= 0 AND p.stunting = trunc(p.stunting) AND p.stunting <= p.diukur AND p.stunting < 1e6, false) AS stunting_ok,
           p.sangat_pendek_teks IS NULL OR coalesce(p.sangat_pendek >= 0 AND p.sangat_pendek = trunc(p.sangat_pendek)
                                                    AND p.sangat_pendek <= p.stunting AND p.sangat_pendek < 1e6, false) AS sangat_pendek_ok,
           p.wasting_teks IS NULL OR coalesce(p.wasting >= 0 AND p.wasting = trunc(p.wasting)
                                              AND p.wasting <= p.diukur AND p.wasting < 1e6, false) AS wasting_ok,
           p.balita_teks IS NULL OR coalesce(p.balita >= 0 AND p.balita = trunc(p.balita) AND p.balita < 1e6, false)
               AS balita_ok,
           CASE WHEN p.bulan IS NOT NULL
                THEN row_number() OVER (PARTITION BY p.kode_desa_deklarasi, p.bulan ORDER BY p.urutan) END AS ke
      FROM p LEFT JOIN desa d ON d.kode_desa = p.kode_desa_deklarasi
)
SELECT k.urutan, k.kode_desa_deklarasi, k.desa_dikenal, k.bulan AS periode, false AS nilai_lain,
       CASE WHEN k.diukur_ok THEN k.diukur::integer END AS diukur,
       CASE WHEN k.diukur_ok AND k.stunting_ok THEN k.stunting::integer END AS stunting,
       CASE WHEN k.sangat_pendek_ok THEN k.sangat_pendek::integer END AS sangat_pendek,
       CASE WHEN k.wasting_ok THEN k.wasting::integer END AS wasting,
       CASE WHEN k.balita_ok THEN k.balita::integer END AS balita,
       array_remove(ARRAY[
           CASE WHEN NOT k.desa_dikenal THEN 'kode_desa_tidak_dikenal' END,
           CASE WHEN k.bulan IS NULL THEN 'tanggal_tidak_valid' END,
           CASE WHEN k.bulan > current_date THEN 'tanggal_di_masa_depan' END,
           CASE WHEN NOT k.diukur_ok OR NOT k.stunting_ok THEN 'angka_tidak_valid' END,
           CASE WHEN k.ke > 1 THEN 'id_ganda' END
       ], NULL) AS alasan,
       array_remove(ARRAY[
           CASE WHEN NOT k.sangat_pendek_ok OR NOT k.wasting_ok OR NOT k.balita_ok THEN 'angka_tidak_valid' END
       ], NULL) AS peringatan,
       array_remove(ARRAY[
           sasaran_alasan_desa(k.desa_dikenal, k.kode_desa_deklarasi, k.kode_desa_teks),
           CASE WHEN k.bulan IS NULL
                THEN format('periode %L bukan bulan (contoh 2026-08, 08/2026 atau Agustus 2026)', coalesce(k.periode_teks, '')) END,
           CASE WHEN k.bulan > current_date THEN format('periode %s belum terjadi', to_char(k.bulan, 'YYYY-MM')) END,
           CASE WHEN NOT k.diukur_ok THEN format('diukur %L harus bilangan bulat 0 atau lebih', coalesce(k.diukur_teks, '')) END,
           CASE WHEN k.diukur_ok AND NOT k.stunting_ok
                THEN format('stunting %L harus bilangan bulat dari 0 sampai diukur (%s)', coalesce(k.stunting_teks, ''), k.diukur) END,
           CASE WHEN k.ke > 1 THEN format('desa %s periode %s muncul lagi dalam berkas: kemunculan ke-%s',
                                          k.kode_desa_deklarasi, to_char(k.bulan, 'YYYY-MM'), k.ke) END,
           CASE WHEN NOT k.sangat_pendek_ok
                THEN format('sangat_pendek %L harus bilangan bulat dari 0 sampai stunting; dikosongkan', k.sangat_pendek_teks) END,
           CASE WHEN NOT k.wasting_ok THEN format('wasting %L harus bilangan bulat dari 0 sampai diukur; dikosongkan', k.wasting_teks) END,
           CASE WHEN NOT k.balita_ok THEN format('balita %L harus bilangan bulat 0 atau lebih; dikosongkan', k.balita_teks) END
       ], NULL) AS keterangan
  FROM k;
ANALYZE imp_cek;
