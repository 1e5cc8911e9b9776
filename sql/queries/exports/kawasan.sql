-- Layer kawasan: live priority areas (soft-deleted ones are left out).
SELECT k.id::text AS fid, NULL::text AS kode_desa, COALESCE(k.diubah_pada, k.dibuat_pada) AS waktu, k.geom,
       jsonb_build_object('kawasan_id', k.id, 'nama', k.nama, 'jenis', k.jenis, 'tahun', k.tahun, 'catatan', k.catatan,
           'versi', k.versi, 'luas_ha', round((ST_Area(k.geom::geography) / 10000)::numeric, 1)) AS props
FROM kawasan_prioritas k
WHERE k.dihapus_pada IS NULL
