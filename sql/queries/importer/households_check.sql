-- Typed household rows from the staging table imp_mentah, read through the view imp_baris (its
-- number cells as numbers, each with its text: importer/registry.py): one pass over the cells,
-- blank rows skipped; then the duplicates. Only identity and location problems reject a row
-- (alasan: no id, invalid NIK, unknown village; the duplicates below; coordinates outside
-- Indonesia in importer/locate.sql); an attribute that cannot be read is left empty with a warning
-- (peringatan); explanations of both in keterangan. Needs imp_daftar (kolom, cepat, kode): per
-- code-list column, the cells taken as they are (an entry, its answer number) and their entries
-- (spatial/importer/values.py); a row with any other spelling is flagged nilai_lain and matched
-- afterwards, once per distinct value (importer/values_apply.sql).

CREATE UNLOGGED TABLE imp_cek AS
WITH p AS (
    SELECT m.urutan,
           nullif(btrim(m.id_keluarga), '') AS id_keluarga,
           -- the usual cells take the cheap branch: digits only; a code exactly as in desa
           CASE WHEN m.nik_kepala ~ '^[0-9]+$' THEN m.nik_kepala ELSE nullif(translate(m.nik_kepala, ''' ', ''), '') END AS nik_kepala,
           nullif(btrim(m.nama_kepala), '') AS nama_kepala,
           nullif(btrim(m.kode_desa), '') AS kode_desa_teks,
           coalesce(dm.kode_desa, sasaran_kode_desa(m.kode_desa)) AS kode_desa_deklarasi,
           nullif(btrim(m.alamat), '') AS alamat,
           -- the number cells, read, each with its text (the view imp_baris, importer/registry.py)
           m.latitude, m.latitude_teks, m.longitude, m.longitude_teks, m.desil, m.desil_teks,
           m.jumlah_anggota, m.jumlah_anggota_teks, m.jumlah_balita, m.jumlah_balita_teks,
           m.luas_lantai_m2, m.luas_lantai_m2_teks, m.tahun_bantuan_rumah, m.tahun_bantuan_rumah_teks,
           -- code-list cells written exactly as an entry or its answer number
           (SELECT kode FROM imp_daftar WHERE kolom = 'ada_lansia')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'ada_lansia'), m.ada_lansia)] = 'ya' AS ada_lansia,
           (SELECT kode FROM imp_daftar WHERE kolom = 'ada_disabilitas')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'ada_disabilitas'), m.ada_disabilitas)] = 'ya' AS ada_disabilitas,
           (SELECT kode FROM imp_daftar WHERE kolom = 'kepala_perempuan')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'kepala_perempuan'), m.kepala_perempuan)] = 'ya' AS kepala_perempuan,
           (SELECT kode FROM imp_daftar WHERE kolom = 'jenis_atap')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'jenis_atap'), m.jenis_atap)] AS jenis_atap,
           (SELECT kode FROM imp_daftar WHERE kolom = 'jenis_dinding')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'jenis_dinding'), m.jenis_dinding)] AS jenis_dinding,
           (SELECT kode FROM imp_daftar WHERE kolom = 'jenis_lantai')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'jenis_lantai'), m.jenis_lantai)] AS jenis_lantai,
           (SELECT kode FROM imp_daftar WHERE kolom = 'fasilitas_bab')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'fasilitas_bab'), m.fasilitas_bab)] AS fasilitas_bab,
           (SELECT kode FROM imp_daftar WHERE kolom = 'jenis_kloset')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'jenis_kloset'), m.jenis_kloset)] AS jenis_kloset,
           (SELECT kode FROM imp_daftar WHERE kolom = 'pembuangan_tinja')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'pembuangan_tinja'), m.pembuangan_tinja)] AS pembuangan_tinja,
           (SELECT kode FROM imp_daftar WHERE kolom = 'sumber_air_minum')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'sumber_air_minum'), m.sumber_air_minum)] AS sumber_air_minum,
           (SELECT kode FROM imp_daftar WHERE kolom = 'sumber_penerangan')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'sumber_penerangan'), m.sumber_penerangan)] AS sumber_penerangan,
           (SELECT kode FROM imp_daftar WHERE kolom = 'status_rumah')[array_position((SELECT cepat FROM imp_daftar WHERE kolom = 'status_rumah'), m.status_rumah)] AS status_rumah,
           num_nonnulls(nullif(m.ada_lansia, ''), nullif(m.ada_disabilitas, ''), nullif(m.kepala_perempuan, ''),
                        nullif(m.jenis_atap, ''), nullif(m.jenis_dinding, ''), nullif(m.jenis_lantai, ''),
                        nullif(m.fasilitas_bab, ''), nullif(m.jenis_kloset, ''), nullif(m.pembuangan_tinja, ''),
                        nullif(m.sumber_air_minum, ''), nullif(m.sumber_penerangan, ''), nullif(m.status_rumah, '')) AS berisi
      FROM imp_baris m
      LEFT JOIN desa dm ON dm.kode_desa = m.kode_desa
     WHERE btrim(m.id_keluarga) <> ''  -- decides at once for almost every row
        OR num_nonnulls(nullif(btrim(m.nik_kepala), ''), nullif(btrim(m.nama_kepala), ''),
                        nullif(btrim(m.kode_desa), ''), m.latitude_teks, m.desil_teks) > 0
    OFFSET 0  -- a fence: parse each cell once (a flattened subquery would repeat the parsing per use)
), k AS (
    SELECT p.*,
           d.kode_desa IS NOT NULL AS desa_dikenal,
           coalesce(length(p.nik_kepala) = 16 AND p.nik_kepala ~ '^[0-9]+$', false) AS nik_ok,
           -- a code-list cell that is neither empty nor written as above: matched afterwards
           p.berisi > num_nonnulls(p.ada_lansia, p.ada_disabilitas, p.kepala_perempuan, p.jenis_atap, p.jenis_dinding,
                                   p.jenis_lantai, p.fasilitas_bab, p.jenis_kloset, p.pembuangan_tinja,
                                   p.sumber_air_minum, p.sumber_penerangan, p.status_rumah) AS nilai_lain,
           -- a point needs both coordinates, as numbers; a row without one has no point (lokasi_perkiraan)
           coalesce(p.latitude IS NOT NULL AND p.longitude IS NOT NULL OR p.latitude_teks IS NULL AND p.longitude_teks IS NULL, false) AS titik_ok,
           coalesce(p.desil_teks IS NULL OR (p.desil BETWEEN 1 AND 10 AND p.desil = trunc(p.desil)), false) AS desil_ok,
           coalesce(p.jumlah_anggota_teks IS NULL OR (p.jumlah_anggota BETWEEN 1 AND 99 AND p.jumlah_anggota = trunc(p.jumlah_anggota)), false) AS anggota_ok,
           coalesce(p.jumlah_balita_teks IS NULL OR (p.jumlah_balita BETWEEN 0 AND 99 AND p.jumlah_balita = trunc(p.jumlah_balita)), false) AS balita_ok,
           coalesce(p.luas_lantai_m2_teks IS NULL OR sasaran_luas_wajar(p.luas_lantai_m2), false) AS luas_ok,
           coalesce(p.tahun_bantuan_rumah_teks IS NULL OR (p.tahun_bantuan_rumah BETWEEN 1945 AND 2100 AND p.tahun_bantuan_rumah = trunc(p.tahun_bantuan_rumah)), false) AS tahun_ok
      FROM p
      LEFT JOIN desa d ON d.kode_desa = p.kode_desa_deklarasi
    OFFSET 0  -- a fence again: each flag below is used several times
), b AS (
    SELECT k.*, k.id_keluarga IS NOT NULL AND k.nik_ok AND k.desa_dikenal AS diterima,
           k.titik_ok AND k.desil_ok AND k.anggota_ok AND k.balita_ok AND k.luas_ok AND k.tahun_ok AS lengkap
      FROM k
    OFFSET 0
)
SELECT k.urutan, k.id_keluarga, k.nik_kepala, k.nama_kepala, k.kode_desa_deklarasi, k.alamat,
       CASE WHEN k.titik_ok THEN k.latitude END AS lat, CASE WHEN k.titik_ok THEN k.longitude END AS lon,
       k.desa_dikenal, k.nilai_lain,
       CASE WHEN k.desil_ok THEN k.desil::smallint END AS desil,
       CASE WHEN k.anggota_ok THEN k.jumlah_anggota::smallint END AS jumlah_anggota,
       CASE WHEN k.balita_ok THEN k.jumlah_balita::smallint END AS jumlah_balita,
       k.ada_lansia, k.ada_disabilitas, k.kepala_perempuan,
       CASE WHEN k.luas_ok THEN k.luas_lantai_m2::numeric(8, 2) END AS luas_lantai_m2,
       k.jenis_atap, k.jenis_dinding, k.jenis_lantai, k.fasilitas_bab, k.jenis_kloset, k.pembuangan_tinja,
       k.sumber_air_minum, k.sumber_penerangan, k.status_rumah,
       CASE WHEN k.tahun_ok THEN k.tahun_bantuan_rumah::smallint END AS tahun_bantuan_rumah,
       CASE WHEN k.diterima THEN '{}'::text[] ELSE array_remove(ARRAY[   -- a clean row builds no message
           CASE WHEN k.id_keluarga IS NULL THEN 'id_kosong' END,
           CASE WHEN NOT k.nik_ok THEN 'nik_tidak_valid' END,
           CASE WHEN NOT k.desa_dikenal THEN 'kode_desa_tidak_dikenal' END
       ], NULL) END AS alasan,
       CASE WHEN k.lengkap THEN '{}'::text[] ELSE array_remove(ARRAY[
           CASE WHEN NOT k.titik_ok THEN 'koordinat_tidak_lengkap' END,
           CASE WHEN NOT k.desil_ok AND k.desil IS NOT NULL THEN 'desil_di_luar_rentang' END,
           CASE WHEN NOT (k.anggota_ok AND k.balita_ok AND k.luas_ok AND k.tahun_ok)
                  OR NOT k.desil_ok AND k.desil IS NULL THEN 'angka_tidak_valid' END
       ], NULL) END AS peringatan,
       CASE WHEN k.diterima AND k.lengkap THEN '{}'::text[] ELSE array_remove(ARRAY[
           CASE WHEN k.id_keluarga IS NULL THEN 'id_keluarga kosong' END,
           CASE WHEN k.nik_ok THEN NULL
                WHEN k.nik_kepala IS NULL THEN 'NIK kosong'
                WHEN k.nik_kepala ~* '^[0-9.,]+e\+?\d+$' THEN format('NIK %L tertulis sebagai angka ilmiah Excel; format kolom NIK sebagai teks', k.nik_kepala)
                ELSE format('NIK %L harus 16 digit angka (sekarang %s karakter)', k.nik_kepala, length(k.nik_kepala)) END,
           sasaran_alasan_desa(k.desa_dikenal, k.kode_desa_deklarasi, k.kode_desa_teks),
           CASE WHEN NOT k.titik_ok THEN concat_ws('; ',
                CASE WHEN (k.latitude_teks IS NULL) <> (k.longitude_teks IS NULL) THEN 'koordinat tidak lengkap (isi latitude dan longitude, atau kosongkan keduanya)' END,
                CASE WHEN k.latitude_teks IS NOT NULL AND k.latitude IS NULL THEN format('latitude %L bukan angka', k.latitude_teks) END,
                CASE WHEN k.longitude_teks IS NOT NULL AND k.longitude IS NULL THEN format('longitude %L bukan angka', k.longitude_teks) END)
                || '; dimuat tanpa titik (lokasi_perkiraan)' END,
           CASE WHEN NOT k.desil_ok AND k.desil IS NOT NULL
                THEN format('desil %s di luar rentang 1-10 (bilangan bulat); dikosongkan', k.desil_teks)
                WHEN NOT k.desil_ok THEN format('desil %L bukan angka; dikosongkan', k.desil_teks) END,
           CASE WHEN NOT k.anggota_ok THEN format('jumlah_anggota %L harus bilangan bulat 1-99; dikosongkan', k.jumlah_anggota_teks) END,
           CASE WHEN NOT k.balita_ok THEN format('jumlah_balita %L harus bilangan bulat 0-99; dikosongkan', k.jumlah_balita_teks) END,
           CASE WHEN NOT k.luas_ok THEN format('luas_lantai_m2 %L bukan luas yang wajar (angka; koma desimal boleh: 36,5); dikosongkan', k.luas_lantai_m2_teks) END,
           CASE WHEN NOT k.tahun_ok THEN format('tahun_bantuan_rumah %L bukan tahun; dikosongkan', k.tahun_bantuan_rumah_teks) END
       ], NULL) END AS keterangan
  FROM b k;
ANALYZE imp_cek;  -- the duplicate look-ups below hash a million ids: sized by the real row count

-- Duplicates, on the typed rows: a repeated id_keluarga (every occurrence after the first) and a
-- NIK already used by an earlier row with another id_keluarga. Hash aggregates find the few ids
-- and NIKs that occur more than once; only their rows are numbered (no sort of a million rows),
-- and only those rows get the reasons appended (last, as in the report).
CREATE TEMP TABLE imp_ganda ON COMMIT DROP AS
WITH berulang AS (
    SELECT c.urutan, c.id_keluarga AS id, c.nik_kepala AS nik
      FROM imp_cek c
     WHERE c.id_keluarga IN (SELECT id_keluarga FROM imp_cek GROUP BY id_keluarga HAVING count(*) > 1)
        OR c.nik_kepala IN (SELECT nik_kepala FROM imp_cek GROUP BY nik_kepala HAVING count(*) > 1)
)
SELECT urutan, id, nik, ke_id, id_pertama_nik
  FROM (SELECT urutan, id, nik,
               CASE WHEN id IS NOT NULL THEN row_number() OVER (PARTITION BY id ORDER BY urutan) END AS ke_id,
               CASE WHEN nik ~ '^\d{16}$' THEN first_value(id) OVER (PARTITION BY nik ORDER BY urutan) END AS id_pertama_nik
          FROM berulang) y
 WHERE ke_id > 1 OR id_pertama_nik IS DISTINCT FROM id AND id_pertama_nik IS NOT NULL;

UPDATE imp_cek c
   SET alasan = c.alasan || array_remove(ARRAY[
           CASE WHEN g.ke_id > 1 THEN 'id_ganda' END,
           CASE WHEN g.id_pertama_nik IS DISTINCT FROM g.id AND g.id_pertama_nik IS NOT NULL THEN 'nik_ganda' END], NULL),
       keterangan = c.keterangan || array_remove(ARRAY[
           CASE WHEN g.ke_id > 1 THEN format('id_keluarga %s ganda: kemunculan ke-%s dalam berkas', g.id, g.ke_id) END,
           CASE WHEN g.id_pertama_nik IS DISTINCT FROM g.id AND g.id_pertama_nik IS NOT NULL
                THEN format('NIK %s sudah dipakai kepala keluarga %s', g.nik, g.id_pertama_nik) END], NULL)
  FROM imp_ganda g
 WHERE g.urutan = c.urutan;
