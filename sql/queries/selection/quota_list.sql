-- Quotas of a programme with the region name and the live units already in the region.
SELECT q.kode_wilayah, q.kuota, COALESCE(d.nama, k.nama, kb.nama) AS nama,
       (SELECT count(*) FROM seleksi s JOIN rumah_tangga rt ON rt.kode_prov = s.kode_prov AND rt.id = s.rumah_tangga_id
        WHERE s.program_id = q.program_id AND s.status <> 'ditolak'
          AND q.kode_wilayah IN (rt.kode_desa, rt.kode_kec, rt.kode_kab))::int AS terpakai
FROM program_kuota q
LEFT JOIN desa d ON d.kode_desa = q.kode_wilayah
LEFT JOIN kecamatan k ON k.kode_kec = q.kode_wilayah
LEFT JOIN kabupaten kb ON kb.kode_kab = q.kode_wilayah
WHERE q.program_id = %(id)s
ORDER BY q.kode_wilayah
