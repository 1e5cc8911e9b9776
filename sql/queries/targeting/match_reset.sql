-- Start matching the recipient rows of temp table cocok_sasaran afresh; rows a reviewer decided on
-- (tinjau diterima/ditolak) keep their decision and are taken out of the batch. cocok_nama takes
-- the results of the name + village step (spatial/targeting/matching.py).
DELETE FROM cocok_sasaran c USING penerima_bantuan p WHERE p.id = c.id AND p.tinjau IN ('diterima', 'ditolak');
ANALYZE cocok_sasaran;
UPDATE penerima_bantuan p
   SET cara_cocok = 'tidak_ditemukan', rt_prov = NULL, rt_id = NULL, calon_prov = NULL, calon_id = NULL,
       skor_cocok = NULL, tinjau = NULL, catatan_cocok = NULL
  FROM cocok_sasaran c
 WHERE p.id = c.id;
CREATE TEMP TABLE IF NOT EXISTS cocok_nama (id bigint, calon_prov text, calon_id bigint, skor real, tautkan boolean,
                                            catatan text) ON COMMIT DROP;
TRUNCATE cocok_nama;
