-- A row that would move a stored record to another kabupaten (imp_pindah): refused
-- (pindah_wilayah, the record stays where it is) unless the import allows moves (%(izinkan)s),
-- then kept with the same code as a warning. Nothing moves without a word in the report.
UPDATE imp_cek c
   SET alasan = CASE WHEN %(izinkan)s THEN c.alasan ELSE c.alasan || 'pindah_wilayah'::text END,
       peringatan = CASE WHEN %(izinkan)s THEN c.peringatan || 'pindah_wilayah'::text ELSE c.peringatan END,
       keterangan = c.keterangan || format(
           CASE WHEN %(izinkan)s THEN 'dipindahkan dari kabupaten %%s ke %%s (--izinkan-pindah)'
                ELSE 'data tersimpan ada di kabupaten %%s; baris ini akan memindahkannya ke %%s: ditolak '
                     '(izinkan dengan --izinkan-pindah / centang "izinkan pindah wilayah")' END,
           p.kab_lama, p.kab_baru)
  FROM imp_pindah p
 WHERE c.urutan = p.urutan;
