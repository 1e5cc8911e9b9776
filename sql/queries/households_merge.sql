-- Upsert rt_siap into rumah_tangga by id_keluarga: rows whose imported attributes changed (compared
-- column by column, geometry included) or that were inactive are updated, new ones inserted,
-- identical ones untouched. Returns (ditambah, diubah). Requires the import id in impor_aktif.
WITH changed AS (
    UPDATE rumah_tangga r
       SET kode_prov = h.kode_prov, nik_kepala = h.nik_kepala, nama_kepala = h.nama_kepala,
           kode_desa_deklarasi = h.kode_desa_deklarasi, kode_desa = h.kode_desa, kode_kec = h.kode_kec,
           kode_kab = h.kode_kab, alamat = h.alamat, geom = h.geom, kualitas_lokasi = h.kualitas_lokasi,
           desil = h.desil, jumlah_anggota = h.jumlah_anggota, jumlah_balita = h.jumlah_balita,
           ada_lansia = h.ada_lansia, ada_disabilitas = h.ada_disabilitas, kepala_perempuan = h.kepala_perempuan,
           luas_lantai_m2 = h.luas_lantai_m2, jenis_atap = h.jenis_atap, jenis_dinding = h.jenis_dinding,
           jenis_lantai = h.jenis_lantai, fasilitas_bab = h.fasilitas_bab, jenis_kloset = h.jenis_kloset,
           pembuangan_tinja = h.pembuangan_tinja, sumber_air_minum = h.sumber_air_minum,
           sumber_penerangan = h.sumber_penerangan, status_rumah = h.status_rumah,
           tahun_bantuan_rumah = h.tahun_bantuan_rumah, aktif = true,
           impor_id = (SELECT id FROM impor_aktif), diubah_pada = now()
      FROM rt_siap h
     WHERE r.id_keluarga = h.id_keluarga
       AND (NOT r.aktif
            OR (r.nik_kepala, r.nama_kepala, r.kode_desa_deklarasi, r.alamat, r.geom, r.desil, r.jumlah_anggota,
                r.jumlah_balita, r.ada_lansia, r.ada_disabilitas, r.kepala_perempuan, r.luas_lantai_m2,
                r.jenis_atap, r.jenis_dinding, r.jenis_lantai, r.fasilitas_bab, r.jenis_kloset,
                r.pembuangan_tinja, r.sumber_air_minum, r.sumber_penerangan, r.status_rumah,
                r.tahun_bantuan_rumah, r.kode_desa, r.kualitas_lokasi)
               IS DISTINCT FROM
               (h.nik_kepala, h.nama_kepala, h.kode_desa_deklarasi, h.alamat, h.geom, h.desil, h.jumlah_anggota,
                h.jumlah_balita, h.ada_lansia, h.ada_disabilitas, h.kepala_perempuan, h.luas_lantai_m2,
                h.jenis_atap, h.jenis_dinding, h.jenis_lantai, h.fasilitas_bab, h.jenis_kloset,
                h.pembuangan_tinja, h.sumber_air_minum, h.sumber_penerangan, h.status_rumah,
                h.tahun_bantuan_rumah, h.kode_desa, h.kualitas_lokasi))
    RETURNING 1
), added AS (
    INSERT INTO rumah_tangga (kode_prov, id_keluarga, nik_kepala, nama_kepala, kode_desa_deklarasi, kode_desa,
        kode_kec, kode_kab, alamat, geom, kualitas_lokasi, desil, jumlah_anggota, jumlah_balita, ada_lansia,
        ada_disabilitas, kepala_perempuan, luas_lantai_m2, jenis_atap, jenis_dinding, jenis_lantai,
        fasilitas_bab, jenis_kloset, pembuangan_tinja, sumber_air_minum, sumber_penerangan, status_rumah,
        tahun_bantuan_rumah, impor_id)
    SELECT h.kode_prov, h.id_keluarga, h.nik_kepala, h.nama_kepala, h.kode_desa_deklarasi, h.kode_desa,
        h.kode_kec, h.kode_kab, h.alamat, h.geom, h.kualitas_lokasi, h.desil, h.jumlah_anggota, h.jumlah_balita,
        h.ada_lansia, h.ada_disabilitas, h.kepala_perempuan, h.luas_lantai_m2, h.jenis_atap, h.jenis_dinding,
        h.jenis_lantai, h.fasilitas_bab, h.jenis_kloset, h.pembuangan_tinja, h.sumber_air_minum,
        h.sumber_penerangan, h.status_rumah, h.tahun_bantuan_rumah, (SELECT id FROM impor_aktif)
      FROM rt_siap h
     WHERE NOT EXISTS (SELECT 1 FROM rumah_tangga r WHERE r.id_keluarga = h.id_keluarga)
    RETURNING 1
)
SELECT (SELECT count(*) FROM added) AS ditambah, (SELECT count(*) FROM changed) AS diubah;
