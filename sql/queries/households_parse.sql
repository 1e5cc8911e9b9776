-- Typed household rows from rt_mentah. Numbers accept a decimal comma; booleans accept ya/tidak/1/0.
CREATE TEMP TABLE rt_siap ON COMMIT DROP AS
SELECT m.urutan,
       btrim(m.id_keluarga) AS id_keluarga,
       nullif(btrim(m.nik_kepala), '') AS nik_kepala,
       nullif(btrim(m.nama_kepala), '') AS nama_kepala,
       sasaran_kode_desa(m.kode_desa) AS kode_desa_deklarasi,
       nullif(btrim(m.alamat), '') AS alamat,
       CASE WHEN sasaran_angka(m.latitude) IS NULL OR sasaran_angka(m.longitude) IS NULL THEN NULL
            ELSE ST_SetSRID(ST_MakePoint(sasaran_angka(m.longitude), sasaran_angka(m.latitude)), 4326)
       END::geometry(Point, 4326) AS geom,
       sasaran_angka(m.desil)::smallint AS desil,
       sasaran_angka(m.jumlah_anggota)::smallint AS jumlah_anggota,
       sasaran_angka(m.jumlah_balita)::smallint AS jumlah_balita,
       sasaran_boolean(m.ada_lansia) AS ada_lansia,
       sasaran_boolean(m.ada_disabilitas) AS ada_disabilitas,
       sasaran_boolean(m.kepala_perempuan) AS kepala_perempuan,
       sasaran_angka(m.luas_lantai_m2)::numeric(8, 2) AS luas_lantai_m2,
       lower(btrim(m.jenis_atap)) AS jenis_atap,
       lower(btrim(m.jenis_dinding)) AS jenis_dinding,
       lower(btrim(m.jenis_lantai)) AS jenis_lantai,
       lower(btrim(m.fasilitas_bab)) AS fasilitas_bab,
       lower(btrim(m.jenis_kloset)) AS jenis_kloset,
       lower(btrim(m.pembuangan_tinja)) AS pembuangan_tinja,
       lower(btrim(m.sumber_air_minum)) AS sumber_air_minum,
       lower(btrim(m.sumber_penerangan)) AS sumber_penerangan,
       lower(btrim(m.status_rumah)) AS status_rumah,
       sasaran_angka(m.tahun_bantuan_rumah)::smallint AS tahun_bantuan_rumah,
       NULL::text AS kode_desa,
       NULL::text AS kualitas_lokasi
FROM rt_mentah m;
