-- Typed recipient rows (issue #24) from the staging table (view imp_baris), as households_check.sql does
-- for households. A row needs a programme (a cell of the code list `program`, or the programme
-- given for the whole file: program), a period (cell or periode), a loaded village and
-- something to match it by (family id, NIK or name). Rejected (alasan): kategori_tidak_valid (no
-- programme), periode_kosong, kode_desa_tidak_dikenal, identitas_kosong, di_luar_wilayah (a user
-- scoped to wilayah); the duplicates come after the value step (recipients_duplicates.sql). Kept
-- with a warning (peringatan): a NIK that is not 16 digits (emptied: nik_tidak_valid), an amount
-- that is no number (emptied: angka_tidak_valid).
CREATE UNLOGGED TABLE imp_cek AS
WITH p AS (
    SELECT m.urutan,
           coalesce((SELECT kode FROM imp_daftar WHERE kolom = 'program')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'program'), m.program)],
                    CASE WHEN nullif(btrim(m.program), '') IS NULL THEN %(program)s::text END) AS program,
           nullif(btrim(m.program), '') AS program_teks,
           coalesce(nullif(regexp_replace(btrim(m.periode), '\s+', ' ', 'g'), ''), %(periode)s::text) AS periode,
           nullif(btrim(m.id_keluarga), '') AS id_keluarga,
           nullif(translate(m.nik_kepala, ''' .-', ''), '') AS nik_teks,
           nullif(btrim(m.nama_kepala), '') AS nama_kepala,
           nullif(btrim(m.kode_desa), '') AS kode_desa_teks,
           sasaran_kode_desa(m.kode_desa) AS kode_desa_deklarasi,
           nullif(btrim(m.alamat), '') AS alamat,
           m.nilai AS nilai_angka, m.nilai_teks  -- the amount as a number, and its text (imp_baris)
      FROM imp_baris m
     WHERE btrim(concat(m.program, m.periode, m.id_keluarga, m.nik_kepala, m.nama_kepala, m.kode_desa, m.nilai_teks)) <> ''
    OFFSET 0  -- a fence: parse each cell once
), k AS (
    SELECT p.*,
           d.kode_desa IS NOT NULL AS desa_dikenal,
           coalesce(length(p.nik_teks) = 16 AND p.nik_teks ~ '^[0-9]+$', false) AS nik_ok,
           coalesce(p.nilai_teks IS NULL OR (p.nilai_angka >= 0 AND p.nilai_angka < 1e12), false) AS nilai_ok
      FROM p LEFT JOIN desa d ON d.kode_desa = p.kode_desa_deklarasi
), kunci AS (
    SELECT k.*,
           CASE WHEN k.nik_ok THEN 'nik:' || k.nik_teks WHEN k.id_keluarga IS NOT NULL THEN 'kk:' || k.id_keluarga
                WHEN k.nama_kepala IS NOT NULL THEN 'nama:' || upper(k.nama_kepala) END AS kunci
      FROM k
)
SELECT g.urutan, g.program, g.periode, g.id_keluarga,
       CASE WHEN g.nik_ok THEN g.nik_teks END AS nik_kepala, g.nama_kepala, g.kode_desa_deklarasi, g.desa_dikenal,
       g.alamat, CASE WHEN g.nilai_ok THEN round(g.nilai_angka)::bigint END AS nilai, g.kunci,
       g.program IS NULL AND g.program_teks IS NOT NULL AS nilai_lain,
       array_remove(ARRAY[
           CASE WHEN g.program IS NULL AND g.program_teks IS NULL THEN 'kategori_tidak_valid' END,
           CASE WHEN g.periode IS NULL THEN 'periode_kosong' END,
           CASE WHEN NOT g.desa_dikenal THEN 'kode_desa_tidak_dikenal' END,
           CASE WHEN g.kunci IS NULL THEN 'identitas_kosong' END,
           CASE WHEN g.desa_dikenal AND NOT dalam_wilayah(g.kode_desa_deklarasi, %(wilayah)s) THEN 'di_luar_wilayah' END
       ], NULL) AS alasan,
       array_remove(ARRAY[
           CASE WHEN g.nik_teks IS NOT NULL AND NOT g.nik_ok THEN 'nik_tidak_valid' END,
           CASE WHEN NOT g.nilai_ok THEN 'angka_tidak_valid' END
       ], NULL) AS peringatan,
       array_remove(ARRAY[
           CASE WHEN g.program IS NULL AND g.program_teks IS NULL THEN 'program kosong (isi kolom program atau pilih program untuk seluruh berkas)' END,
           CASE WHEN g.periode IS NULL THEN 'periode kosong (isi kolom periode atau berikan periode untuk seluruh berkas)' END,
           sasaran_alasan_desa(g.desa_dikenal, g.kode_desa_deklarasi, g.kode_desa_teks),
           CASE WHEN g.kunci IS NULL THEN 'tidak ada id_keluarga, NIK, maupun nama: baris tidak dapat dicocokkan' END,
           CASE WHEN g.desa_dikenal AND NOT dalam_wilayah(g.kode_desa_deklarasi, %(wilayah)s)
                THEN format('desa %%s di luar wilayah Anda (%%s); baris ini tidak dimuat', g.kode_desa_deklarasi, %(wilayah)s) END,
           CASE WHEN g.nik_teks IS NOT NULL AND NOT g.nik_ok THEN format('NIK %%L bukan 16 angka; dikosongkan', g.nik_teks) END,
           CASE WHEN NOT g.nilai_ok THEN format('nilai %%L bukan angka rupiah; dikosongkan', g.nilai_teks) END
       ], NULL) AS keterangan
  FROM kunci g;
ANALYZE imp_cek;
-- the located rows' reasons for the rejects report (importer/rejects.sql): none for recipients
CREATE UNLOGGED TABLE imp_tempat (urutan integer, alasan text[], peringatan text[], keterangan text[]);
