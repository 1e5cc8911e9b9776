-- Typed household rows from the staging table imp_mentah, each with its reasons for rejection
-- (codes in alasan, explanations in keterangan): one pass over the cells, blank rows skipped; then the duplicates.
-- Needs imp_daftar (kolom, daftar): the valid values of each category column (from spatial/codelists.py).

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
           nullif(btrim(m.latitude), '') AS lat_teks, sasaran_angka(m.latitude) AS lat,
           nullif(btrim(m.longitude), '') AS lon_teks, sasaran_angka(m.longitude) AS lon,
           nullif(btrim(m.desil), '') AS desil_teks, sasaran_angka(m.desil) AS desil_angka,
           nullif(btrim(m.jumlah_anggota), '') AS anggota_teks, sasaran_angka(m.jumlah_anggota) AS anggota,
           nullif(btrim(m.jumlah_balita), '') AS balita_teks, sasaran_angka(m.jumlah_balita) AS balita,
           nullif(btrim(m.luas_lantai_m2), '') AS luas_teks, sasaran_angka(m.luas_lantai_m2) AS luas,
           nullif(btrim(m.tahun_bantuan_rumah), '') AS tahun_teks, sasaran_angka(m.tahun_bantuan_rumah) AS tahun,
           nullif(btrim(m.ada_lansia), '') AS lansia_teks, sasaran_boolean(m.ada_lansia) AS ada_lansia,
           nullif(btrim(m.ada_disabilitas), '') AS disabilitas_teks, sasaran_boolean(m.ada_disabilitas) AS ada_disabilitas,
           nullif(btrim(m.kepala_perempuan), '') AS perempuan_teks, sasaran_boolean(m.kepala_perempuan) AS kepala_perempuan,
           sasaran_kode_daftar(m.jenis_atap) AS jenis_atap,
           sasaran_kode_daftar(m.jenis_dinding) AS jenis_dinding,
           sasaran_kode_daftar(m.jenis_lantai) AS jenis_lantai,
           sasaran_kode_daftar(m.fasilitas_bab) AS fasilitas_bab,
           sasaran_kode_daftar(m.jenis_kloset) AS jenis_kloset,
           sasaran_kode_daftar(m.pembuangan_tinja) AS pembuangan_tinja,
           sasaran_kode_daftar(m.sumber_air_minum) AS sumber_air_minum,
           sasaran_kode_daftar(m.sumber_penerangan) AS sumber_penerangan,
           sasaran_kode_daftar(m.status_rumah) AS status_rumah
      FROM imp_mentah m
      LEFT JOIN desa dm ON dm.kode_desa = m.kode_desa
     WHERE btrim(m.id_keluarga) <> ''  -- decides at once for almost every row
        OR num_nonnulls(nullif(btrim(m.nik_kepala), ''), nullif(btrim(m.nama_kepala), ''),
                        nullif(btrim(m.kode_desa), ''), nullif(btrim(m.latitude), ''), nullif(btrim(m.desil), '')) > 0
    OFFSET 0  -- a fence: parse each cell once (a flattened subquery would repeat the parsing per use)
), k AS (
    SELECT p.*,
           d.kode_desa IS NOT NULL AS desa_dikenal,
           coalesce(length(p.nik_kepala) = 16 AND p.nik_kepala ~ '^[0-9]+$', false) AS nik_ok,
           coalesce((p.jenis_atap IS NULL OR p.jenis_atap = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'jenis_atap')::text[]))
       AND (p.jenis_dinding IS NULL OR p.jenis_dinding = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'jenis_dinding')::text[]))
       AND (p.jenis_lantai IS NULL OR p.jenis_lantai = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'jenis_lantai')::text[]))
       AND (p.fasilitas_bab IS NULL OR p.fasilitas_bab = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'fasilitas_bab')::text[]))
       AND (p.jenis_kloset IS NULL OR p.jenis_kloset = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'jenis_kloset')::text[]))
       AND (p.pembuangan_tinja IS NULL OR p.pembuangan_tinja = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'pembuangan_tinja')::text[]))
       AND (p.sumber_air_minum IS NULL OR p.sumber_air_minum = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'sumber_air_minum')::text[]))
       AND (p.sumber_penerangan IS NULL OR p.sumber_penerangan = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'sumber_penerangan')::text[]))
       AND (p.status_rumah IS NULL OR p.status_rumah = ANY((SELECT daftar FROM imp_daftar WHERE kolom = 'status_rumah')::text[]))
       AND (p.lansia_teks IS NULL OR p.ada_lansia IS NOT NULL)
       AND (p.disabilitas_teks IS NULL OR p.ada_disabilitas IS NOT NULL)
       AND (p.perempuan_teks IS NULL OR p.kepala_perempuan IS NOT NULL), false) AS kategori_ok,
           coalesce(p.desil_teks IS NULL OR (p.desil_angka BETWEEN 1 AND 10 AND p.desil_angka = trunc(p.desil_angka)), false) AS desil_ok,
           coalesce((p.lat_teks IS NULL OR p.lat IS NOT NULL) AND (p.lon_teks IS NULL OR p.lon IS NOT NULL)
       AND (p.lat_teks IS NULL) = (p.lon_teks IS NULL)
       AND (p.desil_teks IS NULL OR p.desil_angka IS NOT NULL)
       AND (p.anggota_teks IS NULL OR (p.anggota BETWEEN 1 AND 99 AND p.anggota = trunc(p.anggota)))
       AND (p.balita_teks IS NULL OR (p.balita BETWEEN 0 AND 99 AND p.balita = trunc(p.balita)))
       AND (p.luas_teks IS NULL OR p.luas > 0 AND p.luas < 100000)
       AND (p.tahun_teks IS NULL OR (p.tahun BETWEEN 1945 AND 2100 AND p.tahun = trunc(p.tahun))), false) AS angka_ok
      FROM p
      LEFT JOIN desa d ON d.kode_desa = p.kode_desa_deklarasi
    OFFSET 0  -- a fence again: each flag below is used several times
), b AS (
    SELECT k.*, k.id_keluarga IS NOT NULL AND k.nik_ok AND k.desa_dikenal AND k.kategori_ok
                AND k.desil_ok AND k.angka_ok AS bersih
      FROM k
    OFFSET 0
)
SELECT k.urutan, k.id_keluarga, k.nik_kepala, k.nama_kepala, k.kode_desa_deklarasi, k.alamat, k.lat, k.lon,
       k.desa_dikenal,
       CASE WHEN k.desil_ok THEN k.desil_angka::smallint END AS desil,
       CASE WHEN k.angka_ok THEN k.anggota::smallint END AS jumlah_anggota,
       CASE WHEN k.angka_ok THEN k.balita::smallint END AS jumlah_balita,
       k.ada_lansia, k.ada_disabilitas, k.kepala_perempuan,
       CASE WHEN k.angka_ok THEN k.luas::numeric(8, 2) END AS luas_lantai_m2,
       k.jenis_atap, k.jenis_dinding, k.jenis_lantai, k.fasilitas_bab, k.jenis_kloset, k.pembuangan_tinja,
       k.sumber_air_minum, k.sumber_penerangan, k.status_rumah,
       CASE WHEN k.angka_ok THEN k.tahun::smallint END AS tahun_bantuan_rumah,
       CASE WHEN k.bersih THEN '{}'::text[] ELSE array_remove(ARRAY[   -- a clean row builds no message
           CASE WHEN k.id_keluarga IS NULL THEN 'id_kosong' END,
           CASE WHEN NOT k.nik_ok THEN 'nik_tidak_valid' END,
           CASE WHEN NOT k.desa_dikenal THEN 'kode_desa_tidak_dikenal' END,
           CASE WHEN NOT k.kategori_ok THEN 'kategori_tidak_valid' END,
           CASE WHEN NOT k.desil_ok AND k.desil_angka IS NOT NULL THEN 'desil_di_luar_rentang' END,
           CASE WHEN NOT k.angka_ok THEN 'angka_tidak_valid' END
       ], NULL) END AS alasan,
       CASE WHEN k.bersih THEN '{}'::text[] ELSE array_remove(ARRAY[
           CASE WHEN k.id_keluarga IS NULL THEN 'id_keluarga kosong' END,
           CASE WHEN k.nik_kepala IS NULL THEN 'NIK kosong'
                WHEN k.nik_kepala ~* '^[0-9.,]+e\+?\d+$' THEN format('NIK %L tertulis sebagai angka ilmiah Excel; format kolom NIK sebagai teks', k.nik_kepala)
                WHEN k.nik_kepala !~ '^\d{16}$' THEN format('NIK %L harus 16 digit angka (sekarang %s karakter)', k.nik_kepala, length(k.nik_kepala)) END,
           CASE WHEN NOT k.desa_dikenal AND k.kode_desa_deklarasi IS NULL
                THEN format('kode_desa %L bukan kode Kemendagri (contoh 18.04.04.2002 atau 1804042002)', coalesce(k.kode_desa_teks, ''))
                WHEN NOT k.desa_dikenal THEN format('kode_desa %s tidak ada dalam batas desa yang dimuat', k.kode_desa_deklarasi) END,
           CASE WHEN NOT k.kategori_ok THEN (
               SELECT string_agg(CASE WHEN d.kolom LIKE 'ada\_%' OR d.kolom = 'kepala_perempuan'
                                      THEN format('%s %L harus ya/tidak atau 1/0', v.kolom, v.nilai)
                                      ELSE format('%s %L tidak ada dalam daftar kode; mungkin %L?', v.kolom, v.nilai,
                                                  sasaran_saran(v.nilai, d.daftar)) END, '; ')
                 FROM (VALUES ('jenis_atap', k.jenis_atap), ('jenis_dinding', k.jenis_dinding),
                              ('jenis_lantai', k.jenis_lantai), ('fasilitas_bab', k.fasilitas_bab),
                              ('jenis_kloset', k.jenis_kloset), ('pembuangan_tinja', k.pembuangan_tinja),
                              ('sumber_air_minum', k.sumber_air_minum), ('sumber_penerangan', k.sumber_penerangan),
                              ('status_rumah', k.status_rumah),
                              ('ada_lansia', CASE WHEN k.ada_lansia IS NULL THEN k.lansia_teks END),
                              ('ada_disabilitas', CASE WHEN k.ada_disabilitas IS NULL THEN k.disabilitas_teks END),
                              ('kepala_perempuan', CASE WHEN k.kepala_perempuan IS NULL THEN k.perempuan_teks END)) v(kolom, nilai)
                 JOIN imp_daftar d ON d.kolom = v.kolom
                WHERE v.nilai IS NOT NULL AND v.nilai <> ALL(d.daftar)) END,
           CASE WHEN NOT k.desil_ok AND k.desil_angka IS NOT NULL
                THEN format('desil %s di luar rentang 1-10 (bilangan bulat)', k.desil_teks) END,
           CASE WHEN NOT k.angka_ok THEN concat_ws('; ',
                CASE WHEN (k.lat_teks IS NULL) <> (k.lon_teks IS NULL) THEN 'koordinat tidak lengkap: isi latitude dan longitude, atau kosongkan keduanya' END,
                CASE WHEN k.lat_teks IS NOT NULL AND k.lat IS NULL THEN format('latitude %L bukan angka', k.lat_teks) END,
                CASE WHEN k.lon_teks IS NOT NULL AND k.lon IS NULL THEN format('longitude %L bukan angka', k.lon_teks) END,
                CASE WHEN k.desil_teks IS NOT NULL AND k.desil_angka IS NULL THEN format('desil %L bukan angka', k.desil_teks) END,
                CASE WHEN k.anggota_teks IS NOT NULL AND NOT coalesce(k.anggota BETWEEN 1 AND 99 AND k.anggota = trunc(k.anggota), false)
                     THEN format('jumlah_anggota %L harus bilangan bulat 1-99', k.anggota_teks) END,
                CASE WHEN k.balita_teks IS NOT NULL AND NOT coalesce(k.balita BETWEEN 0 AND 99 AND k.balita = trunc(k.balita), false)
                     THEN format('jumlah_balita %L harus bilangan bulat 0-99', k.balita_teks) END,
                CASE WHEN k.luas_teks IS NOT NULL AND NOT coalesce(k.luas > 0 AND k.luas < 100000, false)
                     THEN format('luas_lantai_m2 %L bukan luas yang wajar (angka; koma desimal boleh: 36,5)', k.luas_teks) END,
                CASE WHEN k.tahun_teks IS NOT NULL AND NOT coalesce(k.tahun BETWEEN 1945 AND 2100 AND k.tahun = trunc(k.tahun), false)
                     THEN format('tahun_bantuan_rumah %L bukan tahun', k.tahun_teks) END) END
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
