-- The outcome a village operator reports for one worksheet item.
UPDATE cek_ulang
   SET hasil = %(hasil)s, catatan = %(catatan)s, diperiksa_oleh = %(diperiksa_oleh)s, diperiksa_pada = %(diperiksa_pada)s,
       dicatat_oleh = %(oleh)s, dicatat_pada = now()
 WHERE id = %(id)s;
