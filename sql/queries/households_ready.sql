-- Households that passed every check, located, with the hash of their imported attributes -> rt_siap.
CREATE TEMP TABLE rt_siap ON COMMIT DROP AS
SELECT x.*,
       md5(concat_ws('|', x.nik_kepala, x.nama_kepala, x.kode_desa_deklarasi, x.alamat, ST_AsEWKB(x.geom),
           x.desil, x.jumlah_anggota, x.jumlah_balita, x.ada_lansia, x.ada_disabilitas, x.kepala_perempuan,
           x.luas_lantai_m2, x.jenis_atap, x.jenis_dinding, x.jenis_lantai, x.fasilitas_bab, x.jenis_kloset,
           x.pembuangan_tinja, x.sumber_air_minum, x.sumber_penerangan, x.status_rumah,
           x.tahun_bantuan_rumah, x.kode_desa, x.kualitas_lokasi)) AS hash_baris
  FROM (SELECT c.id_keluarga, c.nik_kepala, c.nama_kepala, c.kode_desa_deklarasi, c.alamat,
               t.geom, coalesce(t.kode_desa, c.kode_desa_deklarasi) AS kode_desa,
               coalesce(t.kualitas_lokasi, 'lokasi_perkiraan') AS kualitas_lokasi,
               d.kode_kec, d.kode_kab, d.kode_prov,
               c.desil, c.jumlah_anggota, c.jumlah_balita, c.ada_lansia, c.ada_disabilitas, c.kepala_perempuan,
               c.luas_lantai_m2, c.jenis_atap, c.jenis_dinding, c.jenis_lantai, c.fasilitas_bab, c.jenis_kloset,
               c.pembuangan_tinja, c.sumber_air_minum, c.sumber_penerangan, c.status_rumah, c.tahun_bantuan_rumah
          FROM imp_cek c
          LEFT JOIN imp_tempat t ON t.urutan = c.urutan
          JOIN desa d ON d.kode_desa = coalesce(t.kode_desa, c.kode_desa_deklarasi)
         WHERE cardinality(c.alasan) = 0 AND coalesce(cardinality(t.alasan), 0) = 0) x;
CREATE INDEX ON rt_siap (id_keluarga);
ANALYZE rt_siap;
