-- Layer lokus: lokus villages of every year and kind, with the village polygon.
SELECT (l.tahun || '-' || l.jenis || '-' || l.kode_desa) AS fid, l.kode_desa, l.ditetapkan_pada AS waktu, d.geom,
       jsonb_build_object('tahun', l.tahun, 'jenis', l.jenis, 'kode_desa', l.kode_desa, 'nama', d.nama,
           'alasan', l.alasan) AS props
FROM lokus_desa l JOIN desa d USING (kode_desa)
