-- Registry ids are unique per kabupaten, where offices make them (issue #17): two kabupaten may
-- both number their facilities F00001 or their families KK00001. The key of a stored record is
-- its id plus the kabupaten of the village its registry declares (kode_kab_registri); an import
-- never moves a record to another kabupaten unless told to (pindah_wilayah, --izinkan-pindah).
-- A facility whose condition is unknown keeps kondisi NULL (berfungsi NULL: not counted as
-- serving, listed as incomplete data).
ALTER TABLE fasilitas ALTER COLUMN kondisi DROP NOT NULL;
ALTER TABLE fasilitas ADD COLUMN kode_kab_registri text GENERATED ALWAYS AS (left(kode_desa_deklarasi, 5)) STORED;
ALTER TABLE fasilitas DROP CONSTRAINT fasilitas_id_fasilitas_key;
ALTER TABLE fasilitas ADD CONSTRAINT fasilitas_registri_key UNIQUE (id_fasilitas, kode_kab_registri);

ALTER TABLE rumah_tangga ADD COLUMN kode_kab_registri text GENERATED ALWAYS AS (left(kode_desa_deklarasi, 5)) STORED;
ALTER TABLE rumah_tangga ADD CONSTRAINT rumah_tangga_registri_key UNIQUE (id_keluarga, kode_kab_registri, kode_prov);
ALTER TABLE rumah_tangga DROP CONSTRAINT rumah_tangga_id_keluarga_kode_prov_key;
