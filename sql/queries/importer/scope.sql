-- An import by a region-scoped user (issue #16): rows whose village (as located, else as declared)
-- lies outside the user's region %(wilayah)s, or whose id names a stored record of another region,
-- are rejected with di_luar_wilayah. {id} / {tabel}: id_keluarga / rumah_tangga or id_fasilitas /
-- fasilitas, {sama}: for households the same kabupaten (ids are unique per kabupaten); fixed in
-- spatial/importer/registry.py. Rows with an unknown village are rejected already.
UPDATE imp_cek c
   SET alasan = c.alasan || ARRAY['di_luar_wilayah'],
       keterangan = c.keterangan || ARRAY[format('desa %%s di luar wilayah Anda (%%s); baris ini tidak dimuat',
                                                 x.kode_desa, %(wilayah)s)]
  FROM (SELECT c2.urutan, coalesce(t.kode_desa, c2.kode_desa_deklarasi) AS kode_desa
          FROM imp_cek c2 LEFT JOIN imp_tempat t ON t.urutan = c2.urutan) x
 WHERE x.urutan = c.urutan AND c.desa_dikenal
   AND (NOT dalam_wilayah(x.kode_desa, %(wilayah)s)
        OR EXISTS (SELECT 1 FROM {tabel} r WHERE r.{id} = c.{id} {sama} AND NOT dalam_wilayah(r.kode_desa, %(wilayah)s)))
