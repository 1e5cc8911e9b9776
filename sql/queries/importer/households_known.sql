-- Households of rt_siap already in rumah_tangga -> imp_ada (urutan, kode_prov, id of the stored
-- record, sama_kab, berubah, pindah). A stored record is the same household when it has the row's
-- id in the same kabupaten (kode_kab_registri: ids are unique per kabupaten), or, when that
-- kabupaten has no such id, the same id and NIK under another kabupaten (the family moved).
-- pindah: the row would put the record in a village of another kabupaten than the one it is in
-- now (households_moves.sql refuses it unless allowed). berubah when an imported attribute
-- differs (compared column by column, geometry included) or the household was inactive. One hash
-- join of the file with the stored households on the id, in parallel workers (an UPDATE or INSERT
-- never runs in parallel); households_update.sql then touches only the changed rows and
-- households_insert.sql skips the known ones.
CREATE UNLOGGED TABLE imp_ada AS
SELECT h.urutan, r.kode_prov, r.id, r.kode_kab_registri = left(h.kode_desa_deklarasi, 5) AS sama_kab,
       r.kode_kab IS DISTINCT FROM h.kode_kab AS pindah, r.kode_kab AS kab_lama, h.kode_kab AS kab_baru,
       (NOT r.aktif
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
            h.tahun_bantuan_rumah, h.kode_desa, h.kualitas_lokasi)) AS berubah
  FROM rt_siap h
  JOIN rumah_tangga r ON r.id_keluarga = h.id_keluarga
 WHERE r.kode_kab_registri = left(h.kode_desa_deklarasi, 5) OR r.nik_kepala = h.nik_kepala AND r.aktif;

-- The few rows found under another kabupaten (usually none): they count only when the row's own
-- kabupaten has no such id, and only one of them (the oldest record).
DELETE FROM imp_ada a
 WHERE NOT a.sama_kab
   AND EXISTS (SELECT 1 FROM imp_ada b WHERE b.urutan = a.urutan AND (b.sama_kab OR b.id < a.id));
