-- Full re-import (--mark-inactive): the active households that would be marked inactive ->
-- imp_nonaktif: those of the kabupaten the file covers (kode_kab_registri: ids are unique per
-- kabupaten) that the file no longer lists there (not even as a rejected row), and, for a
-- region-scoped user, only those of the user's region %(wilayah)s.
CREATE UNLOGGED TABLE imp_nonaktif AS
SELECT r.kode_prov, r.id, r.kode_kab_registri AS kode_kab
  FROM rumah_tangga r
 WHERE r.aktif
   AND r.kode_kab_registri IN (SELECT DISTINCT left(kode_desa_deklarasi, 5) FROM imp_cek
                                WHERE kode_desa_deklarasi IS NOT NULL)
   AND dalam_wilayah(r.kode_desa, %(wilayah)s)
   AND NOT EXISTS (SELECT 1 FROM imp_cek c WHERE c.id_keluarga = r.id_keluarga
                      AND left(c.kode_desa_deklarasi, 5) = r.kode_kab_registri);
