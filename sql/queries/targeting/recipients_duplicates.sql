-- The same family twice for one programme, period and village in a recipient file (after the
-- value step, so programme names written otherwise count too): the same key (NIK, else family id,
-- else name) or the same family id. The first row is kept, the others are rejected id_ganda.
UPDATE imp_cek c
   SET alasan = c.alasan || 'id_ganda'::text,
       keterangan = c.keterangan || format('keluarga yang sama (%s) tercatat lagi untuk program %s periode %s dalam berkas ini',
                                           coalesce(c.id_keluarga, c.kunci), c.program, c.periode)
  FROM (SELECT urutan,
               row_number() OVER (PARTITION BY program, periode, kode_desa_deklarasi, kunci ORDER BY urutan) AS ke,
               CASE WHEN id_keluarga IS NOT NULL
                    THEN row_number() OVER (PARTITION BY program, periode, kode_desa_deklarasi, id_keluarga
                                            ORDER BY urutan) END AS ke_id
          FROM imp_cek
         WHERE cardinality(alasan) = 0) x
 WHERE x.urutan = c.urutan AND (x.ke > 1 OR x.ke_id > 1);
