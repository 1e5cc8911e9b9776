-- Layer fasilitas: public facilities (not personal data).
SELECT f.id_fasilitas AS fid, f.kode_desa, f.diubah_pada AS waktu, f.geom,
       jsonb_build_object('id_fasilitas', f.id_fasilitas, 'jenis', f.jenis, 'nama', f.nama,
           'kode_desa', f.kode_desa, 'kondisi', f.kondisi, 'berfungsi', f.berfungsi,
           'kapasitas_kk', f.kapasitas_kk) AS props
FROM fasilitas f
