-- One selection of a programme, with the village of its household (region scope of issue #8).
SELECT s.id, s.program_id, s.kode_prov, s.rumah_tangga_id, s.status, s.verifikator, s.tanggal_verifikasi, s.foto,
       rt.kode_desa, rt.id_keluarga
FROM seleksi s JOIN rumah_tangga rt ON rt.kode_prov = s.kode_prov AND rt.id = s.rumah_tangga_id
WHERE s.id = %(id)s AND s.program_id = %(program_id)s
