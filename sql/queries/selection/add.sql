-- Add households to a programme as 'usulan'. ON CONFLICT DO NOTHING: a household another active
-- programme (or another user, at the same moment) holds is skipped, enforced by the unique index
-- seleksi_satu_aktif; the caller reports the households not returned.
INSERT INTO seleksi (program_id, kode_prov, rumah_tangga_id, skor, cara, dibuat_oleh, diubah_oleh)
SELECT %(program_id)s, n.kode_prov, n.id, n.skor, %(cara)s, %(oleh)s, %(oleh)s
FROM unnest(%(kode_prov)s::text[], %(ids)s::bigint[], %(skor)s::numeric[]) AS n(kode_prov, id, skor)
ON CONFLICT DO NOTHING
RETURNING kode_prov, rumah_tangga_id
