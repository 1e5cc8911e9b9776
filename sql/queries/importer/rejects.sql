-- Rejected rows, and rows kept with a warning, with their original cells -> impor_tolak.
-- Returns the number of rejected rows and of warned rows, the reasons counted, the number of rows,
-- and the province every row that passed the checks declares when there is just one (else NULL:
-- households_bulk_start.sql decides on it).
WITH semua AS MATERIALIZED (
    SELECT count(*) AS baris,  -- codes compared byte-wise: one province <=> first and last share it
           left(min(kode_desa_deklarasi COLLATE "C") FILTER (WHERE alasan = '{}'), 2) AS prov_min,
           left(max(kode_desa_deklarasi COLLATE "C") FILTER (WHERE alasan = '{}'), 2) AS prov_maks
      FROM imp_cek
), saved AS (
    INSERT INTO impor_tolak (impor_id, urutan, ditolak, alasan, keterangan, sel)
    SELECT (SELECT id FROM impor_aktif), c.urutan,
           cardinality(c.alasan) + coalesce(cardinality(t.alasan), 0) > 0,
           c.alasan || coalesce(t.alasan, '{}') || c.peringatan || coalesce(t.peringatan, '{}'),
           array_to_string(c.keterangan || coalesce(t.keterangan, '{}'), '; '),
           s.sel
      FROM imp_cek c
      LEFT JOIN imp_tempat t ON t.urutan = c.urutan
      JOIN imp_sel s ON s.urutan = c.urutan
     WHERE cardinality(c.alasan) > 0 OR cardinality(c.peringatan) > 0 OR cardinality(t.alasan) > 0
        OR cardinality(t.peringatan) > 0
    RETURNING ditolak, alasan
)
SELECT count(*) FILTER (WHERE ditolak) AS ditolak,
       count(*) FILTER (WHERE NOT ditolak) AS peringatan,
       coalesce((SELECT jsonb_object_agg(a, n) FROM (SELECT a, count(*) AS n FROM saved, unnest(alasan) a GROUP BY a) x),
                '{}'::jsonb) AS per_alasan,
       (SELECT baris FROM semua) AS baris,
       (SELECT prov_min FROM semua WHERE prov_min = prov_maks) AS provinsi
  FROM saved;
