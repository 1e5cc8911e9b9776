-- Programmes, newest year first, with their live units and cost.
SELECT p.id, p.nama, p.tahun, p.sumber, p.biaya_satuan, p.anggaran, p.status, p.batas_wilayah,
       count(s.id) FILTER (WHERE s.status <> 'ditolak')::int AS unit,
       count(s.id) FILTER (WHERE s.status <> 'ditolak') * p.biaya_satuan AS biaya
FROM program p LEFT JOIN seleksi s ON s.program_id = p.id
GROUP BY p.id
ORDER BY p.tahun DESC, p.nama
